/** Internals of the delivery: routing, file writers, commit and checkpoint mechanics. Not a public API. */
package dev.silt.ingest.delivery.internal;
