package dev.silt.ingest.delivery;

import java.io.IOException;

/**
 * Told about every object a delivery stream lands, once it is committed in storage: the seam where a warehouse
 * {@code COPY} (load each landed object into a table) or a catalog update plugs in.
 *
 * <p>Contract: at least once per object. A crash after the object was committed and before the delivery's
 * checkpoint recorded it makes the restarted delivery report the object again, so an implementation must be
 * idempotent by {@link LandedObject#uri()} (names are deterministic and never reused). Called from the delivery's
 * one thread, after the object is visible; a slow sink holds the delivery back (and, through it, the source: a
 * producer then sees "service unavailable, retry"). An exception fails the delivery, which then re-reports the
 * object after a restart.
 */
@FunctionalInterface
public interface DeliverySink {
    void landed(LandedObject object) throws IOException;

    /** A sink that ignores every object. */
    static DeliverySink none() {
        return object -> {};
    }
}
