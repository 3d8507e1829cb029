package dev.silt.mapreduce.gen;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Renders one event line at a time, keeping the state that makes a stream look real: a pool of open visits.
 *
 * <p>Each slot of the pool is one user's visit (a burst of requests under one session id). Every event picks
 * a slot at random, so a visit's requests are spread over minutes; when a visit runs out, its slot starts a
 * new one for a user drawn Zipf-like. A user's country and browser come from a hash of the user id, so they
 * stay the same across visits. Not thread-safe.
 */
final class EventWriter {
    static final double USER_ZIPF_EXPONENT = 1.1;

    // Required fields, in the order they appear on a line; a defect names one of them.
    static final int TS = 0;
    static final int USER = 1;
    static final int URL = 2;
    static final int STATUS = 3;
    static final int BYTES = 4;
    static final int LATENCY = 5;
    static final int COUNTRY = 6;
    static final int REQUIRED_FIELDS = 7;
    private static final int NONE = -1;

    private static final byte[] K_TS = ascii(",\"ts\":\"");
    private static final byte[] K_USER = ascii(",\"user\":\"u");
    private static final byte[] K_SESSION = ascii(",\"session\":\"s-");
    private static final byte[] K_METHOD = ascii(",\"method\":\"");
    private static final byte[] K_URL = ascii(",\"url\":\"");
    private static final byte[] K_REFERRER = ascii(",\"referrer\":");
    private static final byte[] K_STATUS = ascii(",\"status\":");
    private static final byte[] K_BYTES = ascii(",\"bytes\":");
    private static final byte[] K_LATENCY = ascii(",\"latency_ms\":");
    private static final byte[] K_COUNTRY = ascii(",\"country\":\"");
    private static final byte[] K_UA = ascii(",\"ua\":\"");
    private static final byte[] NULL = ascii("null");
    private static final byte[] GET = ascii("GET");
    private static final byte[] POST = ascii("POST");
    private static final byte[] HEAD = ascii("HEAD");
    private static final byte[] LOTS = ascii("\"lots\"");
    private static final byte[] ACCESS_PREFIX = ascii("203.0.113.");
    private static final byte[] HTTP_SUFFIX = ascii(" HTTP/1.1\" ");

    private static final int[] DYNAMIC_STATUS = {200, 301, 404, 500, 503};
    private static final double[] DYNAMIC_STATUS_WEIGHTS = {93, 1, 3.5, 1.5, 1};
    private static final int[] STATIC_STATUS = {200, 304, 404};
    private static final double[] STATIC_STATUS_WEIGHTS = {70, 28, 2};

    private static final byte[][] NOT_JSON_TAILS = {
        ascii("<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"),
        ascii("ERROR [access] upstream timed out (110: Connection timed out) while reading response header"),
    };

    private final SplittableRandom rnd;
    private final long salt;
    private final long userOffset;
    private final AliasTable users;
    private final UrlCatalog urls;
    private final AliasTable countries;
    private final byte[][] countryCodes;
    private final AliasTable agents;
    private final AliasTable referrers;
    private final AliasTable dynamicStatus = new AliasTable(DYNAMIC_STATUS_WEIGHTS);
    private final AliasTable staticStatus = new AliasTable(STATIC_STATUS_WEIGHTS);
    private final LogNormal visitLength = new LogNormal(5, 1.0);

    private final int[] slotUser;
    private final int[] slotSession;
    private final int[] slotLeft;
    private final int[] slotPreviousUrl;
    private final byte[] slotCountry;
    private final byte[] slotAgent;

    EventWriter(ClickstreamOptions options, int visits) {
        this.rnd = new SplittableRandom(options.seed());
        this.salt = mix(options.seed() ^ 0x636c69636b73L);
        this.userOffset = Math.floorMod(options.seed(), (long) ClickstreamOptions.MAX_USERS);
        this.users = AliasTable.zipf(options.users(), USER_ZIPF_EXPONENT);
        this.urls = new UrlCatalog(options.urls(), options.seed());
        List<Countries.Country> emitted = Countries.emitted();
        double[] weights = new double[emitted.size()];
        countryCodes = new byte[emitted.size()][];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = emitted.get(i).trafficWeight();
            countryCodes[i] = ascii(emitted.get(i).code());
        }
        this.countries = new AliasTable(weights);
        this.agents = new AliasTable(Traffic.agentWeights());
        this.referrers = new AliasTable(Traffic.referrerWeights());
        slotUser = new int[visits];
        slotSession = new int[visits];
        slotLeft = new int[visits];
        slotPreviousUrl = new int[visits];
        slotCountry = new byte[visits];
        slotAgent = new byte[visits];
    }

    /**
     * Appends one line, valid or (if {@code malformed}) broken in one of several ways.
     *
     * @param hourPrefix {@code yyyy-MM-ddTHH:} of the current hour
     * @param msInHour the event's offset into the hour, in [0, 3,600,000)
     */
    void write(LineBuffer b, byte[] hourPrefix, int msInHour, boolean malformed) {
        int slot = rnd.nextInt(slotUser.length);
        if (slotLeft[slot] == 0) {
            startVisit(slot);
        }
        if (!malformed) {
            render(b, slot, hourPrefix, msInHour, NONE, NONE);
            return;
        }
        int kind = rnd.nextInt(100);
        if (kind < 30) {
            int start = b.position();
            render(b, slot, hourPrefix, msInHour, NONE, NONE);
            int length = b.position() - start - 1; // without '\n'
            // Keep at least '{' and always lose the closing '}', so the object never completes.
            b.truncate(start + 1 + rnd.nextInt(length - 1));
            b.put('\n');
        } else if (kind < 50) {
            notJson(b, slot);
        } else if (kind < 75) {
            render(b, slot, hourPrefix, msInHour, rnd.nextInt(REQUIRED_FIELDS), NONE);
        } else {
            render(b, slot, hourPrefix, msInHour, NONE, rnd.nextInt(REQUIRED_FIELDS));
        }
    }

    private void startVisit(int slot) {
        int rank = users.sample(rnd.nextLong());
        int user = (int) ((rank * 7919L + userOffset) % ClickstreamOptions.MAX_USERS);
        long traits = mix(user ^ salt);
        slotUser[slot] = user;
        slotSession[slot] = rnd.nextInt();
        slotLeft[slot] = (int) Math.max(1, visitLength.sampleLong(rnd.nextLong()));
        slotPreviousUrl[slot] = -1;
        slotCountry[slot] = (byte) countries.sample(traits);
        slotAgent[slot] = (byte) agents.sample(mix(traits));
    }

    private void render(LineBuffer b, int slot, byte[] hourPrefix, int ms, int omit, int wrong) {
        Traffic.Agent agent = Traffic.AGENTS[slotAgent[slot]];
        int url = urls.sample(rnd.nextLong());
        UrlKind kind = urls.kind(url);
        int status = kind == UrlKind.STATIC
                ? STATIC_STATUS[staticStatus.sample(rnd.nextLong())]
                : DYNAMIC_STATUS[dynamicStatus.sample(rnd.nextLong())];
        long bytes = status == 200
                ? kind.bytes.sampleLong(rnd.nextLong())
                : status == 304 ? 0 : UrlKind.ERROR_BYTES.sampleLong(rnd.nextLong());
        long latency = status >= 500
                ? UrlKind.ERROR_LATENCY.sampleLong(rnd.nextLong())
                : kind.latencyMs.sampleLong(rnd.nextLong());
        double methodRoll = rnd.nextDouble();
        int previous = slotPreviousUrl[slot];
        long referrerBits = rnd.nextLong();

        int start = b.position();
        if (omit != TS) {
            if (wrong == TS) {
                b.put(K_TS, 0, K_TS.length - 1).putDecimal(epochMillis(hourPrefix, ms));
            } else {
                b.put(K_TS).put(hourPrefix).putPadded(ms / 60_000, 2).put(':').putPadded(ms / 1000 % 60, 2);
                b.put('.').putPadded(ms % 1000, 3).put('Z').put('"');
            }
        }
        if (omit != USER) {
            if (wrong == USER) {
                b.put(K_USER, 0, K_USER.length - 2).putDecimal(slotUser[slot]);
            } else {
                b.put(K_USER).putPadded(slotUser[slot], 7).put('"');
            }
        }
        if (!agent.bot()) {
            b.put(K_SESSION).putHex8(slotSession[slot]).put('"');
        }
        b.put(K_METHOD);
        b.put(agent.bot() && methodRoll < 0.1 ? HEAD : methodRoll < kind.postShare ? POST : GET)
                .put('"');
        if (omit != URL) {
            if (wrong == URL) {
                b.put(K_URL, 0, K_URL.length - 1).putDecimal(url);
            } else {
                b.put(K_URL).put(urls.path(url)).put('"');
            }
        }
        b.put(K_REFERRER);
        // Crawlers and scripts send no referrer; people arrive from outside, then follow the site's links.
        byte[] external = previous < 0 && !agent.bot() ? Traffic.REFERRERS[referrers.sample(referrerBits)].url() : null;
        if (previous >= 0 && !agent.bot() && (referrerBits & 0xff) < 218) { // ~85% of follow-up pages
            b.put('"').put(Traffic.SITE).put(urls.path(previous)).put('"');
        } else if (external != null) {
            b.put('"').put(external).put('"');
        } else {
            b.put(NULL);
        }
        if (omit != STATUS) {
            b.put(K_STATUS);
            if (wrong == STATUS) {
                b.put('"').put('O').put('K').put('"');
            } else {
                b.putDecimal(status);
            }
        }
        if (omit != BYTES) {
            b.put(K_BYTES);
            if (wrong == BYTES) {
                b.put(LOTS);
            } else {
                b.putDecimal(bytes);
            }
        }
        if (omit != LATENCY) {
            b.put(K_LATENCY).putDecimal(wrong == LATENCY ? -1 - latency : latency);
        }
        if (omit != COUNTRY) {
            b.put(K_COUNTRY)
                    .put(wrong == COUNTRY ? ascii3(slotCountry[slot]) : countryCodes[slotCountry[slot]])
                    .put('"');
        }
        if (agent.text() != null) {
            b.put(K_UA).put(agent.text()).put('"');
        }
        b.set(start, '{');
        b.put('}').put('\n');

        slotPreviousUrl[slot] = url;
        slotLeft[slot]--;
    }

    /** A three-letter code where ISO alpha-2 is required: right type, wrong value. */
    private byte[] ascii3(byte country) {
        byte[] two = countryCodes[country];
        return new byte[] {two[0], two[1], two[1]};
    }

    private void notJson(LineBuffer b, int slot) {
        int variant = rnd.nextInt(3);
        if (variant == 0) {
            // An access-log line that ended up in the JSON stream.
            int url = urls.sample(rnd.nextLong());
            b.put(ACCESS_PREFIX)
                    .putDecimal(1 + rnd.nextInt(254))
                    .put(' ')
                    .put('-')
                    .put(' ')
                    .put('u');
            b.putPadded(slotUser[slot], 7).put(' ').put('"').put(GET).put(' ').put(urls.path(url));
            b.put(HTTP_SUFFIX)
                    .putDecimal(200)
                    .put(' ')
                    .putDecimal(1 + rnd.nextInt(20_000))
                    .put('\n');
        } else {
            b.put(NOT_JSON_TAILS[variant - 1]).put('\n');
        }
        slotLeft[slot]--;
    }

    private static long epochMillis(byte[] hourPrefix, int ms) {
        String hour = new String(hourPrefix, StandardCharsets.US_ASCII) + "00:00Z";
        return Instant.parse(hour).toEpochMilli() + ms;
    }

    /** Stafford's variant 13 of the MurmurHash3 finalizer: a bijective 64-bit mix. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
