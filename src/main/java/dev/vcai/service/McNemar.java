package dev.vcai.service;

/**
 * McNemar's test of two classifiers scored on the same commits: only the commits where exactly one of them is right
 * count ({@code b}: A right, B wrong; {@code c}: the reverse). Exact two-sided binomial test when {@code b + c < 25},
 * else the chi-square statistic with continuity correction (one degree of freedom).
 */
public record McNemar(int b, int c, double statistic, double pValue, String method) {
    static final int EXACT_BELOW = 25;

    public static McNemar of(int b, int c) {
        int n = b + c;
        if (n == 0) {
            return new McNemar(b, c, 0, 1, "exact_binomial");
        }
        if (n < EXACT_BELOW) {
            int k = Math.min(b, c);
            double tail = 0;
            for (int i = 0; i <= k; i++) {
                tail += Math.exp(logChoose(n, i) - n * Math.log(2));
            }
            return new McNemar(b, c, k, Math.min(1, 2 * tail), "exact_binomial");
        }
        double chi = Math.pow(Math.abs(b - c) - 1, 2) / n;
        return new McNemar(b, c, chi, erfc(Math.sqrt(chi / 2)), "chi_square_corrected");
    }

    public boolean significant(double alpha) {
        return pValue < alpha;
    }

    private static double logChoose(int n, int k) {
        double sum = 0;
        for (int i = 1; i <= k; i++) {
            sum += Math.log(n - k + i) - Math.log(i);
        }
        return sum;
    }

    /** Complementary error function (Numerical Recipes' erfcc, relative error below 1.2e-7). */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
                + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
