/** Segment files and their frames: not part of the module's API; the layout lives in {@code SegmentFormat}. */
package dev.silt.ingest.stream.internal;
