package dev.silt.ingest.stream.model;

/** Server-side encryption of a stream: silt stores records unencrypted, so always {@code NONE}. */
public enum EncryptionType {
    NONE,
    KMS
}
