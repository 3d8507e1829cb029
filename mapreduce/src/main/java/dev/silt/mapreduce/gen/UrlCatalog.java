package dev.silt.mapreduce.gen;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The site's URL paths, most popular first, drawn Zipf-like. Rank 0 is {@code /}; the rest is a seeded mix
 * of product pages, searches, categories, static assets and API calls. Immutable.
 */
final class UrlCatalog {
    static final double ZIPF_EXPONENT = 1.0;

    private static final String[] FIXED = {"/cart", "/checkout", "/account", "/login", "/favicon.ico", "/robots.txt"};
    private static final UrlKind[] FIXED_KINDS = {
        UrlKind.CART, UrlKind.CHECKOUT, UrlKind.PAGE, UrlKind.PAGE, UrlKind.STATIC, UrlKind.STATIC
    };

    static final String[] WORDS = {
        "shoes",
        "laptop",
        "phone",
        "headphones",
        "jacket",
        "watch",
        "camera",
        "desk",
        "chair",
        "lamp",
        "backpack",
        "bike",
        "tent",
        "coffee",
        "kettle",
        "blender",
        "monitor",
        "keyboard",
        "mouse",
        "charger",
        "cable",
        "sofa",
        "pillow",
        "blanket",
        "mug",
        "book",
        "novel",
        "toys",
        "lego",
        "puzzle",
        "guitar",
        "drone",
        "tablet",
        "printer",
        "router",
        "speaker",
        "tv",
        "socks",
        "dress",
        "jeans",
        "sneakers",
        "boots",
        "sunglasses",
        "wallet",
        "perfume",
        "shampoo",
        "vitamins",
        "yoga",
        "dumbbells",
        "running",
        "winter",
        "sale",
        "gift",
        "kids",
        "garden"
    };

    private final byte[][] paths;
    private final UrlKind[] kinds;
    private final AliasTable popularity;

    UrlCatalog(int size, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x75726c63L);
        paths = new byte[size][];
        kinds = new UrlKind[size];
        paths[0] = ascii("/");
        kinds[0] = UrlKind.HOME;
        for (int i = 1; i < size; i++) {
            if (i - 1 < FIXED.length) {
                paths[i] = ascii(FIXED[i - 1]);
                kinds[i] = FIXED_KINDS[i - 1];
            } else {
                randomPath(rnd, i);
            }
        }
        // Spread the fixed pages over the popularity ranks instead of leaving them all at the top.
        for (int i = size - 1; i > 1; i--) {
            int j = 1 + rnd.nextInt(i);
            byte[] p = paths[i];
            paths[i] = paths[j];
            paths[j] = p;
            UrlKind k = kinds[i];
            kinds[i] = kinds[j];
            kinds[j] = k;
        }
        popularity = AliasTable.zipf(size, ZIPF_EXPONENT);
    }

    private void randomPath(SplittableRandom rnd, int i) {
        int roll = rnd.nextInt(100);
        String path;
        UrlKind kind;
        if (roll < 50) {
            path = "/products/" + (1 + rnd.nextInt(99_999));
            kind = UrlKind.PRODUCT;
        } else if (roll < 70) {
            String q = WORDS[rnd.nextInt(WORDS.length)];
            path = "/search?q=" + (rnd.nextInt(3) == 0 ? q + "+" + WORDS[rnd.nextInt(WORDS.length)] : q);
            kind = UrlKind.SEARCH;
        } else if (roll < 78) {
            path = "/category/" + WORDS[rnd.nextInt(WORDS.length)]
                    + (rnd.nextInt(2) == 0 ? "" : "?page=" + (2 + rnd.nextInt(8)));
            kind = UrlKind.PAGE;
        } else if (roll < 88) {
            path = "/static/img/p" + (1 + rnd.nextInt(99_999)) + ".jpg";
            kind = UrlKind.STATIC;
        } else if (roll < 93) {
            String hash = Integer.toHexString(rnd.nextInt() | 0x10000000);
            path = rnd.nextInt(2) == 0 ? "/static/js/app." + hash + ".js" : "/static/css/site." + hash + ".css";
            kind = UrlKind.STATIC;
        } else {
            path = "/api/v1/recommendations?item=" + (1 + rnd.nextInt(99_999));
            kind = UrlKind.API;
        }
        paths[i] = ascii(path);
        kinds[i] = kind;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    int size() {
        return paths.length;
    }

    /** A rank drawn by popularity. */
    int sample(long bits) {
        return popularity.sample(bits);
    }

    byte[] path(int rank) {
        return paths[rank];
    }

    UrlKind kind(int rank) {
        return kinds[rank];
    }
}
