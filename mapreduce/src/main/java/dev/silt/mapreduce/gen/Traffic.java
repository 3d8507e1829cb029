package dev.silt.mapreduce.gen;

import java.nio.charset.StandardCharsets;

/** Who visits and where they come from: user agents and referrers with their shares of traffic. */
final class Traffic {
    private Traffic() {}

    /** A user agent; {@code text == null} means the client sends none, so the field is left out. */
    record Agent(byte[] text, boolean bot, double weight) {}

    /** An external referrer; {@code url == null} is written as JSON null (typed-in or bookmarked visits). */
    record Referrer(byte[] url, double weight) {}

    static final Agent[] AGENTS = {
        agent(
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0"
                        + " Safari/537.36",
                false,
                30),
        agent(
                "Mozilla/5.0 (iPhone; CPU iPhone OS 18_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko)"
                        + " Version/18.2 Mobile/15E148 Safari/604.1",
                false,
                18),
        agent(
                "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko)"
                        + " Chrome/131.0.6778.135 Mobile Safari/537.36",
                false,
                15),
        agent(
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko)"
                        + " Chrome/131.0.0.0 Safari/537.36",
                false,
                10),
        agent(
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)"
                        + " Version/18.2 Safari/605.1.15",
                false,
                6),
        agent("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0", false, 5),
        agent(
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0"
                        + " Safari/537.36 Edg/131.0.2903.86",
                false,
                5),
        agent(
                "Mozilla/5.0 (Linux; Android 14; SM-S921B) AppleWebKit/537.36 (KHTML, like Gecko)"
                        + " SamsungBrowser/27.0 Chrome/125.0.0.0 Mobile Safari/537.36",
                false,
                3),
        agent(
                "Mozilla/5.0 (iPad; CPU OS 18_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko)"
                        + " Version/18.2 Mobile/15E148 Safari/604.1",
                false,
                2),
        agent("Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", false, 1.5),
        agent("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", true, 2),
        agent("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)", true, 1),
        agent("curl/8.5.0", true, 0.5),
        agent("python-requests/2.32.3", true, 0.5),
        agent(null, true, 0.3),
    };

    static final Referrer[] REFERRERS = {
        referrer(null, 45),
        referrer("https://www.google.com/", 30),
        referrer("https://www.bing.com/", 5),
        referrer("https://www.facebook.com/", 5),
        referrer("https://t.co/", 4),
        referrer("https://duckduckgo.com/", 3),
        referrer("https://www.reddit.com/", 3),
        referrer("https://www.instagram.com/", 2),
        referrer("https://mail.example.net/", 2),
        referrer("https://news.ycombinator.com/", 1),
    };

    /** Pages after the first in a visit are referred by the site itself. */
    static final byte[] SITE = ascii("https://shop.silt.dev");

    static double[] agentWeights() {
        double[] w = new double[AGENTS.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = AGENTS[i].weight();
        }
        return w;
    }

    static double[] referrerWeights() {
        double[] w = new double[REFERRERS.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = REFERRERS[i].weight();
        }
        return w;
    }

    private static Agent agent(String text, boolean bot, double weight) {
        return new Agent(text == null ? null : ascii(text), bot, weight);
    }

    private static Referrer referrer(String url, double weight) {
        return new Referrer(url == null ? null : ascii(url), weight);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
