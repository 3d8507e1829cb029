/** The consumer's helpers: not part of the module's API. */
package dev.silt.ingest.consumer.internal;
