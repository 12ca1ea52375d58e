package kg.testserver;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;

/**
 * A Neo4j Community DBMS for kg's tests: Bolt on 127.0.0.1 only, auth on, user neo4j with a given password.
 *
 * <p>Usage: {@code Main DATA_DIR PORT [PASSWORD]}; without PASSWORD it is read from $KG_NEO4J_PASSWORD
 * (which keeps it out of the process list). Prints {@code READY bolt://127.0.0.1:PORT} once Bolt accepts
 * connections; SIGTERM shuts the DBMS down cleanly.
 */
public final class Main {
    private static final String LOOPBACK = "127.0.0.1";

    private Main() {}

    /** The DBMS that SIGTERM shuts down. */
    private static volatile DatabaseManagementService running;

    public static void main(String[] args) {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: Main DATA_DIR PORT [PASSWORD]  (or PASSWORD in $KG_NEO4J_PASSWORD)");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        String password = args.length == 3 ? args[2] : System.getenv("KG_NEO4J_PASSWORD");
        if (password == null || password.length() < 8) {
            System.err.println("a password of at least 8 characters is required");
            System.exit(2);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(Main::shutdown, "kg-neo4j-shutdown"));
        try {
            // The password is set while no connector is open, so nobody can log in with the default one.
            running = build(home, port, false);
            setPassword(running.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME), password);
            shutdown();

            running = build(home, port, true);
            awaitBolt(port);
            System.out.println("READY bolt://" + LOOPBACK + ":" + port);
            System.out.flush();
            new CountDownLatch(1).await();
        } catch (Throwable failure) {
            failure.printStackTrace();
            System.exit(1); // runs the shutdown hook; Neo4j's own threads would keep the JVM alive
        }
    }

    private static synchronized void shutdown() {
        if (running != null) {
            running.shutdown();
            running = null;
        }
    }

    private static DatabaseManagementService build(Path home, int port, boolean bolt) {
        return new DatabaseManagementServiceBuilder(home)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.default_listen_address, new SocketAddress(LOOPBACK))
                .setConfig(GraphDatabaseSettings.default_advertised_address, new SocketAddress(LOOPBACK))
                .setConfig(BoltConnector.enabled, bolt)
                .setConfig(BoltConnector.listen_address, new SocketAddress(LOOPBACK, port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress(LOOPBACK, port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(256))
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                // Internal: Bolt's event loops otherwise idle 5 s each before stopping (10 s per shutdown).
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .build();
    }

    /** ALTER USER refuses the current password, so go through a random one first: this works on every start. */
    private static void setPassword(GraphDatabaseService system, String password) {
        String alter = "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED";
        system.executeTransactionally(alter, Map.of("password", UUID.randomUUID().toString()));
        system.executeTransactionally(alter, Map.of("password", password));
    }

    private static void awaitBolt(int port) throws InterruptedException {
        for (int attempt = 0; attempt < 300; attempt++) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(LOOPBACK, port), 1000);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("Bolt did not open on " + LOOPBACK + ":" + port);
    }
}
