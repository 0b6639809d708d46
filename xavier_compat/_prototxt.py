"""Read Caffe net definitions (``.prototxt``, protobuf text format) with protobuf's own parser.

Only the part of ``caffe.proto`` that the fillers need is described here, built at run time with
``descriptor_pb2`` in a private descriptor pool (so it never clashes with a real ``caffe_pb2``):
``NetParameter`` (``layer`` / old ``layers``), ``LayerParameter`` and ``V1LayerParameter`` (name, type,
``convolution_param``, ``inner_product_param``), ``ConvolutionParameter``, ``InnerProductParameter`` and
``FillerParameter``, with caffe.proto's field numbers and defaults.  Every other field of a real
prototxt (``param {}``, ``include {}``, ``data_param``, ``pooling_param`` ...) is skipped by
``text_format.Parse(..., allow_unknown_field=True)``; fields described here are parsed and checked
strictly (a bad enum value or a value of the wrong type is an error).

Limitation: protobuf < 3.21 (the TF 1.15 env) cannot skip an *unknown* field written with the list
syntax ``field: [1, 2]``; Caffe's own files repeat the field instead, which works everywhere.
"""
import functools
from typing import Any, Dict, Iterator, Tuple

import numpy as np
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory, text_format

__all__ = ["parse_net", "message_class", "enum_name", "weight_layers", "filler_kwargs", "WEIGHT_LAYERS"]

_PACKAGE = "xavier_compat.caffe_subset"
_F = descriptor_pb2.FieldDescriptorProto
_TYPES = {
    "string": _F.TYPE_STRING, "float": _F.TYPE_FLOAT, "int32": _F.TYPE_INT32, "uint32": _F.TYPE_UINT32,
    "bool": _F.TYPE_BOOL, "enum": _F.TYPE_ENUM, "message": _F.TYPE_MESSAGE,
}
_LABELS = {"optional": _F.LABEL_OPTIONAL, "repeated": _F.LABEL_REPEATED}

# caffe.proto enums used by the described fields: name -> [(value name, number)]
_ENUMS = {
    "VarianceNorm": [("FAN_IN", 0), ("FAN_OUT", 1), ("AVERAGE", 2)],
    "V1LayerType": [
        ("NONE", 0), ("ABSVAL", 35), ("ACCURACY", 1), ("ARGMAX", 30), ("BNLL", 2), ("CONCAT", 3),
        ("CONTRASTIVE_LOSS", 37), ("CONVOLUTION", 4), ("DATA", 5), ("DECONVOLUTION", 39),
        ("DROPOUT", 6), ("DUMMY_DATA", 32), ("EUCLIDEAN_LOSS", 7), ("ELTWISE", 25), ("EXP", 38),
        ("FLATTEN", 8), ("HDF5_DATA", 9), ("HDF5_OUTPUT", 10), ("HINGE_LOSS", 28), ("IM2COL", 11),
        ("IMAGE_DATA", 12), ("INFOGAIN_LOSS", 13), ("INNER_PRODUCT", 14), ("LRN", 15),
        ("MEMORY_DATA", 29), ("MULTINOMIAL_LOGISTIC_LOSS", 16), ("MVN", 34), ("POOLING", 17),
        ("POWER", 26), ("RELU", 18), ("SIGMOID", 19), ("SIGMOID_CROSS_ENTROPY_LOSS", 27),
        ("SILENCE", 36), ("SOFTMAX", 20), ("SOFTMAX_LOSS", 21), ("SPLIT", 22), ("SLICE", 33),
        ("TANH", 23), ("WINDOW_DATA", 24), ("THRESHOLD", 31),
    ],
}

# message -> [(field, number, label, type, enum/message type name or None, default or None)],
# numbers and defaults as in caffe.proto.
_MESSAGES = {
    "FillerParameter": [
        ("type", 1, "optional", "string", None, "constant"),
        ("value", 2, "optional", "float", None, "0"),
        ("min", 3, "optional", "float", None, "0"),
        ("max", 4, "optional", "float", None, "1"),
        ("mean", 5, "optional", "float", None, "0"),
        ("std", 6, "optional", "float", None, "1"),
        ("sparse", 7, "optional", "int32", None, "-1"),
        ("variance_norm", 8, "optional", "enum", "VarianceNorm", "FAN_IN"),
    ],
    "ConvolutionParameter": [
        ("num_output", 1, "optional", "uint32", None, None),
        ("bias_term", 2, "optional", "bool", None, "true"),
        ("pad", 3, "repeated", "uint32", None, None),
        ("kernel_size", 4, "repeated", "uint32", None, None),
        ("group", 5, "optional", "uint32", None, "1"),
        ("stride", 6, "repeated", "uint32", None, None),
        ("weight_filler", 7, "optional", "message", "FillerParameter", None),
        ("bias_filler", 8, "optional", "message", "FillerParameter", None),
        ("kernel_h", 11, "optional", "uint32", None, None),
        ("kernel_w", 12, "optional", "uint32", None, None),
    ],
    "InnerProductParameter": [
        ("num_output", 1, "optional", "uint32", None, None),
        ("bias_term", 2, "optional", "bool", None, "true"),
        ("weight_filler", 3, "optional", "message", "FillerParameter", None),
        ("bias_filler", 4, "optional", "message", "FillerParameter", None),
        ("axis", 5, "optional", "int32", None, "1"),
        ("transpose", 6, "optional", "bool", None, "false"),
    ],
    "LayerParameter": [
        ("name", 1, "optional", "string", None, None),
        ("type", 2, "optional", "string", None, None),
        ("bottom", 3, "repeated", "string", None, None),
        ("top", 4, "repeated", "string", None, None),
        ("convolution_param", 106, "optional", "message", "ConvolutionParameter", None),
        ("inner_product_param", 117, "optional", "message", "InnerProductParameter", None),
    ],
    # The pre-2014 (V0) format nests a `layer {}` inside `layers {}`: described only to be detected.
    "V0LayerParameter": [],
    "V1LayerParameter": [
        ("layer", 1, "optional", "message", "V0LayerParameter", None),
        ("bottom", 2, "repeated", "string", None, None),
        ("top", 3, "repeated", "string", None, None),
        ("name", 4, "optional", "string", None, None),
        ("type", 5, "optional", "enum", "V1LayerType", None),
        ("convolution_param", 10, "optional", "message", "ConvolutionParameter", None),
        ("inner_product_param", 17, "optional", "message", "InnerProductParameter", None),
    ],
    "NetParameter": [
        ("name", 1, "optional", "string", None, None),
        ("layers", 2, "repeated", "message", "V1LayerParameter", None),
        ("layer", 100, "repeated", "message", "LayerParameter", None),
    ],
}


def _file_descriptor() -> descriptor_pb2.FileDescriptorProto:
    """The described subset of caffe.proto as a FileDescriptorProto (proto2, for the defaults)."""
    proto = descriptor_pb2.FileDescriptorProto(
        name="xavier_compat/caffe_subset.proto", package=_PACKAGE, syntax="proto2")
    for enum_name, values in _ENUMS.items():
        enum = proto.enum_type.add(name=enum_name)
        for value_name, number in values:
            enum.value.add(name=value_name, number=number)
    for message_name, fields in _MESSAGES.items():
        message = proto.message_type.add(name=message_name)
        for name, number, label, kind, type_name, default in fields:
            field = message.field.add(name=name, number=number, label=_LABELS[label], type=_TYPES[kind])
            if type_name is not None:
                field.type_name = ".%s.%s" % (_PACKAGE, type_name)
            if default is not None:
                field.default_value = default
    return proto


def _class_for(descriptor) -> Any:
    """The message class of ``descriptor``, through whichever API this protobuf has.

    protobuf >= 4.21 offers ``message_factory.GetMessageClass``; older releases (TF 1.15's 3.20) only
    ``MessageFactory.GetPrototype``, which protobuf 5+ removed.
    """
    get_message_class = getattr(message_factory, "GetMessageClass", None)
    if get_message_class is not None:
        return get_message_class(descriptor)
    return message_factory.MessageFactory(descriptor.file.pool).GetPrototype(descriptor)


@functools.lru_cache(maxsize=None)
def _pool() -> Any:
    pool = descriptor_pool.DescriptorPool()
    pool.AddSerializedFile(_file_descriptor().SerializeToString())
    return pool


@functools.lru_cache(maxsize=None)
def message_class(name: str) -> Any:
    """The generated class of one described message, e.g. ``message_class('FillerParameter')``."""
    return _class_for(_pool().FindMessageTypeByName("%s.%s" % (_PACKAGE, name)))


def enum_name(enum: str, number: int) -> str:
    """The value name of ``number`` in one described enum, e.g. ``enum_name('V1LayerType', 4)``."""
    for value_name, value_number in _ENUMS[enum]:
        if value_number == number:
            return value_name
    raise ValueError("%d is not a value of caffe enum %s" % (number, enum))


def _source_line(text: str, line) -> str:
    lines = text.splitlines()
    if isinstance(line, int) and 1 <= line <= len(lines):
        return lines[line - 1]
    return ""


def parse_net(text) -> Any:
    """Parse prototxt ``text`` (str or UTF-8 bytes) into a ``NetParameter`` message of the subset.

    A malformed file raises ``ValueError`` naming the line (1-based) and column, and quoting the line.
    """
    if isinstance(text, (bytes, bytearray)):
        text = bytes(text).decode("utf-8")
    if not isinstance(text, str):
        raise TypeError("prototxt text must be a str (or UTF-8 bytes), got %r" % (type(text).__name__,))
    net = message_class("NetParameter")()
    try:
        text_format.Parse(text, net, allow_unknown_field=True)
    except text_format.ParseError as err:
        line, column = err.GetLine(), err.GetColumn()
        message = str(err)
        prefix = "%s:%s : " % (line, column)
        if message.startswith(prefix):
            message = message[len(prefix):]
        source = _source_line(text, line)
        for echo in ("'%s': " % source, "'%s' : " % source):  # some messages quote the line already
            if source and message.startswith(echo):
                message = message[len(echo):]
        quoted = source.strip()
        raise ValueError("malformed prototxt at line %s, column %s: %s%s" % (
            line, column, message, (" (line %s reads: %r)" % (line, quoted)) if quoted else "")) from err
    return net


# ---------------------------------------------------------------------------------------------- layers
#: Layer types with weight fillers: new-syntax type string -> (V1 enum name, parameter block)
WEIGHT_LAYERS = {
    "Convolution": ("CONVOLUTION", "convolution_param"),
    "Deconvolution": ("DECONVOLUTION", "convolution_param"),
    "InnerProduct": ("INNER_PRODUCT", "inner_product_param"),
}
_V1_TYPES = {v1: new for new, (v1, _) in WEIGHT_LAYERS.items()}


def weight_layers(net) -> Iterator[Tuple[str, str, Any]]:
    """Yield ``(name, type, params)`` for the Convolution / Deconvolution / InnerProduct layers of ``net``.

    ``type`` is the new-syntax name also for old ``layers {}`` files; ``params`` is the layer's
    ``convolution_param`` or ``inner_product_param`` (defaults when absent).
    """
    if len(net.layer) and len(net.layers):
        raise ValueError("the prototxt mixes new 'layer {}' and old 'layers {}' definitions; Caffe rejects "
                         "that too: use one syntax")
    for layer in net.layer:
        if layer.type in WEIGHT_LAYERS:
            yield layer.name, layer.type, getattr(layer, WEIGHT_LAYERS[layer.type][1])
    for layer in net.layers:
        if layer.HasField("layer"):
            raise ValueError("layer %r uses Caffe's V0 format (layers { layer { ... } }); convert it with "
                             "Caffe's upgrade_net_proto_text first" % (layer.name,))
        kind = _V1_TYPES.get(enum_name("V1LayerType", layer.type))
        if kind is not None:
            yield layer.name, kind, getattr(layer, WEIGHT_LAYERS[kind][1])


def _readable(value: float) -> float:
    """A float32 from the file as the shortest float that rounds back to it (0.01, not 0.0099999998)."""
    return float(str(np.float32(value)))


def filler_kwargs(param) -> Dict[str, Any]:
    """One parsed FillerParameter as ``caffe_filler`` keyword arguments (every field, defaults included)."""
    return {
        "type": param.type, "variance_norm": enum_name("VarianceNorm", param.variance_norm),
        "std": _readable(param.std), "mean": _readable(param.mean), "min": _readable(param.min),
        "max": _readable(param.max), "value": _readable(param.value), "sparse": int(param.sparse),
    }
