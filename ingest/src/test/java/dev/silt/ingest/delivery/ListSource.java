package dev.silt.ingest.delivery;

import java.util.ArrayList;
import java.util.List;

/** A replayable source over a fixed list of records of one partition, sequences 0, 1, 2, ... */
final class ListSource implements DeliverySource {
    private final List<byte[]> records;
    private final long arrivalMillis;
    private int next;

    ListSource(List<byte[]> records, long arrivalMillis) {
        this.records = records;
        this.arrivalMillis = arrivalMillis;
    }

    @Override
    public void seek(String partition, long afterSequence) {
        next = (int) (afterSequence + 1);
    }

    @Override
    public List<SourceRecord> poll(int maxRecords) {
        List<SourceRecord> out = new ArrayList<>();
        while (next < records.size() && out.size() < maxRecords) {
            out.add(new SourceRecord("s0", next, arrivalMillis, records.get(next)));
            next++;
        }
        return out;
    }

    @Override
    public boolean replayable() {
        return true;
    }
}
