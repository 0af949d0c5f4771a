package org.anju.platform.maintenance.forecast;

/**
 * In-place selection of order statistics (quickselect with a median-of-three pivot), so that a
 * Theil–Sen fit finds three order statistics of its pairwise slopes in linear time instead of
 * sorting them: 16,110 slopes for 180 daily points, 10,000 devices per pass.
 */
final class Select {

    private Select() {
    }

    /**
     * Rearranges {@code a[from, to)} so that {@code a[k]} holds the value a full sort would put
     * there, every element before it is not greater and every element after it is not smaller;
     * returns {@code a[k]}.
     */
    static double kth(double[] a, int from, int to, int k) {
        int lo = from;
        int hi = to - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            // median of three as the pivot: sorted input (a steady trend) stays linear
            if (a[mid] < a[lo]) {
                swap(a, mid, lo);
            }
            if (a[hi] < a[lo]) {
                swap(a, hi, lo);
            }
            if (a[hi] < a[mid]) {
                swap(a, hi, mid);
            }
            double pivot = a[mid];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    swap(a, i++, j--);
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return a[k];
            }
        }
        return a[k];
    }

    private static void swap(double[] a, int i, int j) {
        double t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
