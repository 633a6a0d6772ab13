package dev.vcai.impact;

import java.util.Arrays;

/** A small sorted set of ints: a key's requesting files, far lighter than a boxed set when there are millions. */
final class IntSet {
    private static final int[] EMPTY = {};
    private int[] values = EMPTY;
    private int size;

    void add(int value) {
        int at = Arrays.binarySearch(values, 0, size, value);
        if (at >= 0) {
            return;
        }
        at = -at - 1;
        if (size == values.length) {
            values = Arrays.copyOf(values, Math.max(2, size * 2));
        }
        System.arraycopy(values, at, values, at + 1, size - at);
        values[at] = value;
        size++;
    }

    void remove(int value) {
        int at = Arrays.binarySearch(values, 0, size, value);
        if (at >= 0) {
            System.arraycopy(values, at + 1, values, at, size - at - 1);
            size--;
        }
    }

    int size() {
        return size;
    }

    int get(int index) {
        return values[index];
    }
}
