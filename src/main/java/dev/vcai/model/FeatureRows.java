package dev.vcai.model;

import java.nio.FloatBuffer;
import java.util.List;

/**
 * A batch of commits as the model's input: each row holds only its commit's known features (a few hundred of the
 * vocabulary's thousands), as positions and values. {@link #dense()} gives the tensor's contents for a server.
 */
public final class FeatureRows {
    /** One commit's features: ascending positions in the vocabulary and their values, none zero. */
    record Row(int[] positions, float[] values) {
    }

    private final int width;
    private final List<Row> rows;

    FeatureRows(int width, List<Row> rows) {
        this.width = width;
        this.rows = List.copyOf(rows);
    }

    public int size() {
        return rows.size();
    }

    /** The vocabulary's size: the length of each dense row. */
    public int width() {
        return width;
    }

    Row row(int r) {
        return rows.get(r);
    }

    /** The input tensor's contents: {@link #size()} rows of {@link #width()} floats. */
    public float[] dense() {
        float[] dense = new float[rows.size() * width];
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            for (int k = 0; k < row.positions().length; k++) {
                dense[r * width + row.positions()[k]] = row.values()[k];
            }
        }
        return dense;
    }

    /** Writes the rows into a zeroed buffer of at least {@link #size()} x {@link #width()} floats, from its start. */
    void writeInto(FloatBuffer zeroed) {
        set(zeroed, true);
    }

    /** Zeroes in {@code buffer} what {@link #writeInto} wrote, so that it can take the next batch. */
    void eraseFrom(FloatBuffer buffer) {
        set(buffer, false);
    }

    private void set(FloatBuffer buffer, boolean write) {
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            for (int k = 0; k < row.positions().length; k++) {
                buffer.put(r * width + row.positions()[k], write ? row.values()[k] : 0f);
            }
        }
    }
}
