/**
 * The requests, responses and shapes of the Kinesis Data Streams API as plain records, one field per API member
 * in the API's own order and spelling (camel-cased), so that the wire layer maps them one to one. Optional request
 * members are {@code null} when absent; the service validates them, never the records' constructors, so that a bad
 * request reaches the service and gets the service's error.
 */
package dev.silt.ingest.stream.model;
