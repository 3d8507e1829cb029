package dev.silt.ingest.delivery;

import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The delivery contract on HDFS ({@code MiniDFSCluster}): commits by temp file and atomic rename. */
class HdfsDeliveryIT extends DeliveryContract {
    @TempDir
    static Path dir;

    private static MiniDFSCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = startDfs(dir);
    }

    static MiniDFSCluster startDfs(Path dir) throws Exception {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("dfs").toString());
        conf.setInt("dfs.replication", 1);
        // The client polls for a closed block from 400 ms on by default; tests close many small files.
        conf.setInt("dfs.client.block.write.locateFollowingBlock.initial.delay.ms", 20);
        MiniDFSCluster dfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        dfs.waitActive();
        return dfs;
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.shutdown();
        }
    }

    @Override
    protected String baseUri() {
        return cluster.getURI().toString() + "/delivery/";
    }

    @Override
    protected Configuration hadoopConf() {
        return new Configuration(cluster.getConfiguration(0));
    }
}
