package dev.silt.ingest.stream.model;

/** {@code PutRecord}'s answer. */
public record PutRecordResponse(String shardId, String sequenceNumber, EncryptionType encryptionType) {}
