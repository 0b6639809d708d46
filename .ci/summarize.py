"""Sum the per-environment pytest JUnit reports into one closing line: 'N passed, N failed, N skipped'."""
import glob
import sys
import xml.etree.ElementTree as ET


def main(tox_dir: str) -> int:
    passed = failed = skipped = 0
    for path in sorted(glob.glob(tox_dir + "/*/junit.xml")):
        root = ET.parse(path).getroot()
        for suite in root.iter("testsuite"):
            tests, errors = int(suite.get("tests", 0)), int(suite.get("errors", 0))
            fails, skips = int(suite.get("failures", 0)), int(suite.get("skipped", 0))
            env = path.split("/")[-2]
            print("%-14s %5d passed, %d failed, %d skipped" % (env, tests - errors - fails - skips,
                                                              errors + fails, skips))
            passed += tests - errors - fails - skips
            failed += errors + fails
            skipped += skips
    print("%d passed, %d failed, %d skipped" % (passed, failed, skipped))
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else ".tox"))
