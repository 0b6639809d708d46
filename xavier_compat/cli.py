"""The ``xavier-compat`` command (``python -m xavier_compat`` is the same program).

Usage::

    xavier-compat run [--tf1 | --tf2] [--verbose] SCRIPT.py [ARGS...]   run a legacy script unchanged
    xavier-compat info [--format text|json]                          versions and what the shim does here
    xavier-compat scan PATH...                                       legacy initializer call sites

``run`` behaves like ``python SCRIPT.py ARGS...``: ``sys.argv[:] = [SCRIPT, ARGS...]``, ``__name__ ==
'__main__'``, ``__file__`` (the path as given: ``runpy.run_path`` sets ``sys.argv[0]`` and ``__file__`` alike,
where python >= 3.9 would make ``__file__`` absolute), ``sys.path[0]`` = the script's
directory, python's exit codes (``sys.exit(n)``, ``sys.exit('msg')`` -> message on stderr and 1, an
uncaught exception -> its traceback through ``sys.excepthook`` and 1, KeyboardInterrupt -> 130) and a
one-line error with exit code 2 for a missing file.  Tracebacks show the script's frames only: the
runner's own frames (this module, :mod:`xavier_compat.legacy`, ``runpy``) are unlinked.  Everything
after SCRIPT belongs to the script, ``--tf1`` and ``-h`` included.  How the TF1/TF2 mode is chosen:
:mod:`xavier_compat._detect` and :mod:`xavier_compat.legacy`.
"""
import argparse
import json
import os
import runpy
import sys
from typing import List, Optional, Tuple

PROG = "xavier-compat"
_RUN_FLAGS = ("--tf1", "--tf2", "-v", "--verbose", "-h", "--help")


def _parsers() -> Tuple[argparse.ArgumentParser, argparse.ArgumentParser, argparse.ArgumentParser]:
    parser = argparse.ArgumentParser(prog=PROG, description="Run legacy TF1 / contrib code on TensorFlow "
                                     "1.15 to 2.x; report and scan what the shim does.")
    sub = parser.add_subparsers(dest="command", metavar="{run,info,scan}")
    run = sub.add_parser("run", help="run a legacy script unchanged, like python SCRIPT [ARGS...]",
                         description="Run SCRIPT like python would, in the TensorFlow world it needs "
                         "(TF1 graph mode for sessions/placeholders, TF1 API in eager mode for other TF1 "
                         "code, eager TF2 otherwise). Everything after SCRIPT is passed to the script.")
    mode = run.add_mutually_exclusive_group()
    mode.add_argument("--tf1", dest="forced", action="store_const", const="tf1",
                      help="force TF1 graph mode (v1 API as `tensorflow`)")
    mode.add_argument("--tf2", dest="forced", action="store_const", const="tf2",
                      help="force eager TF2 (the real `tensorflow` module plus install())")
    run.add_argument("-v", "--verbose", action="store_true",
                     help="say on stderr which mode was chosen and why")
    run.add_argument("script", metavar="SCRIPT", help="the Python file (or directory with __main__.py)")
    run.add_argument("args", metavar="ARGS", nargs="*", help="arguments for the script")
    info = sub.add_parser("info", help="versions and what the shim does here")
    info.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    sub.add_parser("scan", help="list legacy initializer call sites and their fate (see `scan -h`)",
                   add_help=False)
    return parser, run, info


def main(argv: Optional[List[str]] = None) -> int:
    """Entry point of ``xavier-compat``; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser, run_parser, _ = _parsers()
    try:
        if argv[:1] == ["run"]:
            return _cmd_run(run_parser, argv[1:])
        if argv[:1] == ["scan"]:
            from . import scan

            return int(scan.main(argv[1:]) or 0)
        ns = parser.parse_args(argv)
    except SystemExit as exc:  # argparse's --help / usage errors
        return _exit_code(exc)
    if ns.command == "info":
        return _cmd_info(ns.format)
    parser.print_usage(sys.stderr)
    print("%s: error: a command is required: run, info or scan" % PROG, file=sys.stderr)
    return 2


def _split_run(argv: List[str]) -> Tuple[List[str], List[str], bool]:
    """Runner options up to SCRIPT, [SCRIPT, ARGS...] untouched, and whether ``--`` ended the options."""
    index = 0
    while index < len(argv) and argv[index] in _RUN_FLAGS:
        index += 1
    rest = argv[index:]
    if rest[:1] == ["--"]:
        return argv[:index], rest[1:], True
    return argv[:index], rest, False


def _cmd_run(run_parser: argparse.ArgumentParser, argv: List[str]) -> int:
    options, rest, dashdash = _split_run(argv)
    if not rest and not set(options) & {"-h", "--help"}:
        run_parser.error("the following arguments are required: SCRIPT")
    if rest[:1] and rest[0].startswith("-") and not dashdash:
        run_parser.error("unrecognized option %r before SCRIPT; runner options are %s"
                         % (rest[0], ", ".join(_RUN_FLAGS)))
    ns = run_parser.parse_args(options + ["--"] + rest[:1])
    return run_script(ns.script, rest[1:], forced=ns.forced, verbose=ns.verbose)


def _cmd_info(fmt: str) -> int:
    from . import __version__, patching

    data = dict(patching.info(), xavier_compat=__version__)
    if fmt == "json":
        print(json.dumps(data, indent=2, sort_keys=True, default=repr))
        return 0
    print("xavier_compat %s" % __version__)
    for key, value in sorted(data.items()):
        if key != "xavier_compat":
            print("  %s: %s" % (key, value))
    return 0


def run_script(script: str, args: List[str], forced: Optional[str] = None, verbose: bool = False) -> int:
    """Run ``script`` with ``args`` like ``python script args...`` in the TF world it needs; the exit code."""
    if not os.path.exists(script):
        print("%s: can't open file '%s': [Errno 2] No such file or directory"
              % (PROG, os.path.abspath(script)), file=sys.stderr)
        return 2
    from . import legacy

    saved_argv, saved_path = sys.argv[:], sys.path[:]
    sys.argv[:] = [script] + list(args)
    if os.path.isdir(script):
        del sys.path[:1]  # runpy puts the directory itself first, as python does
    else:
        sys.path[:1] = [os.path.dirname(os.path.realpath(script))]
    world = legacy.LegacyWorld(script, forced)
    try:
        world.enter()
        if verbose:
            print("%s: mode %s: %s" % (PROG, world.mode, world.reason), file=sys.stderr)
        runpy.run_path(script, run_name="__main__")
        code = 0
    except SystemExit as exc:
        code = _exit_code(exc)
    except BaseException as exc:  # noqa: B902 -- python reports every uncaught exception the same way
        _report(exc)
        code = 130 if isinstance(exc, KeyboardInterrupt) else 1
    finally:
        world.exit()
        sys.argv[:] = saved_argv
        sys.path[:] = saved_path
    sys.stdout.flush()
    return code


def _exit_code(exc: SystemExit) -> int:
    """What python's exit status is for an uncaught SystemExit (printing a non-integer code)."""
    code = exc.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    sys.stdout.flush()
    print(code, file=sys.stderr)
    return 1


def _runner_files() -> set:
    here = os.path.dirname(os.path.abspath(__file__))
    files = {os.path.join(here, name) for name in ("cli.py", "legacy.py", "__main__.py")}
    files.add(os.path.abspath(runpy.__file__))
    return {os.path.realpath(f) for f in files} | {"<frozen runpy>"}


def _strip(tb, runner: set):
    """The traceback chain ``tb`` without the runner's frames (relinks ``tb_next``)."""
    head = last = None
    while tb is not None:
        following = tb.tb_next
        filename = tb.tb_frame.f_code.co_filename
        if filename not in runner and os.path.realpath(filename) not in runner:
            if last is None:
                head = tb
            else:
                last.tb_next = tb
            last = tb
        tb = following
    if last is not None:
        last.tb_next = None
    return head


def _report(exc: BaseException) -> None:
    """Print ``exc`` as python would for an uncaught exception, minus the runner's frames."""
    runner, seen, todo = _runner_files(), set(), [exc]
    while todo:
        item = todo.pop()
        if item is None or id(item) in seen:
            continue
        seen.add(id(item))
        item.__traceback__ = _strip(item.__traceback__, runner)
        todo.extend([item.__cause__, item.__context__])
    sys.stdout.flush()
    sys.excepthook(type(exc), exc, exc.__traceback__)
