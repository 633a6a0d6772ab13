package dev.vcai.triton;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import inference.ModelConfigOuterClass.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * KServe v2 raw tensor contents as Triton reads and writes them: little-endian, row-major; a BYTES element is a
 * 4-byte little-endian length followed by its bytes; a BOOL element is one byte.
 */
public final class Tensors {
    private Tensors() {
    }

    public static ByteString fp32(float[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        // The array is never touched again, so protobuf may keep it instead of copying it (a 1 MB batch each time).
        return UnsafeByteOperations.unsafeWrap(buffer.array());
    }

    public static float[] fp32(ByteString raw) {
        float[] values = new float[raw.size() / Float.BYTES];
        raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }

    public static ByteString bytes(List<String> elements) {
        ByteString.Output out = ByteString.newOutput();
        for (String element : elements) {
            byte[] utf8 = element.getBytes(StandardCharsets.UTF_8);
            byte[] length = ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN).putInt(utf8.length).array();
            out.write(length, 0, length.length);
            out.write(utf8, 0, utf8.length);
        }
        return out.toByteString();
    }

    /** The elements of a BYTES tensor; a length prefix running past the end is refused, not truncated. */
    public static List<String> bytes(ByteString raw) {
        ByteBuffer buffer = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        List<String> elements = new ArrayList<>();
        while (buffer.hasRemaining()) {
            if (buffer.remaining() < Integer.BYTES) {
                throw new IllegalArgumentException("BYTES tensor ends inside a 4-byte length prefix");
            }
            int length = buffer.getInt();
            if (length < 0 || length > buffer.remaining()) {
                throw new IllegalArgumentException("BYTES element of " + length + " bytes runs past the tensor's end");
            }
            byte[] element = new byte[length];
            buffer.get(element);
            elements.add(new String(element, StandardCharsets.UTF_8));
        }
        return elements;
    }

    public static ByteString bool(boolean value) {
        return ByteString.copyFrom(new byte[] {(byte) (value ? 1 : 0)});
    }

    /** The KServe name of a config.pbtxt data type: TYPE_FP32 is FP32, TYPE_STRING is BYTES. */
    public static String datatype(DataType type) {
        return type == DataType.TYPE_STRING ? "BYTES" : type.name().substring("TYPE_".length());
    }

    /** Bytes per element of a fixed-size KServe data type, or -1 for BYTES (variable) and unknown names. */
    public static int elementSize(String datatype) {
        return switch (datatype) {
            case "BOOL", "INT8", "UINT8" -> 1;
            case "INT16", "UINT16", "FP16", "BF16" -> 2;
            case "INT32", "UINT32", "FP32" -> 4;
            case "INT64", "UINT64", "FP64" -> 8;
            default -> -1;
        };
    }
}
