package dev.silt.ingest.delivery;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** SIGKILL crash test of a delivery into HDFS: MiniDFS in this JVM, the delivery in a child JVM. */
class HdfsDeliveryCrashIT extends DeliveryCrashContract {
    @TempDir
    static Path dir;

    private static MiniDFSCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = HdfsDeliveryIT.startDfs(dir);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.shutdown();
        }
    }

    @Override
    protected String destination() {
        return cluster.getURI().toString() + "/lake/raw/";
    }

    @Override
    protected String warmupDestination() {
        return cluster.getURI().toString() + "/lake/warmup/";
    }

    @Override
    protected Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("fs.defaultFS", cluster.getURI().toString());
        s.put("dfs.client.block.write.locateFollowingBlock.initial.delay.ms", "20");
        return s;
    }

    @Override
    protected Path workDir() {
        return dir;
    }
}
