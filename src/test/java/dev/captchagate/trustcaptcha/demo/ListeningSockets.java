package dev.captchagate.trustcaptcha.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/** The TCP sockets a process listens on, read from Linux's {@code /proc}: what {@code ss -ltnp} shows. */
final class ListeningSockets {

    private ListeningSockets() {
    }

    /** Whether this system has the {@code /proc} files this reads. */
    static boolean available() {
        return Files.isReadable(Path.of("/proc/net/tcp")) && Files.isDirectory(Path.of("/proc/self/fd"));
    }

    /** The local addresses ({@code 127.0.0.1:8080}, {@code [::1]:5701}, ...) the process listens on. */
    static List<String> of(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor went away while listing
                }
            }
        }
        List<String> listening = new ArrayList<>();
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            Path file = Path.of(table);
            if (!Files.isReadable(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
                if (f.length > 9 && f[3].equals("0A") && inodes.contains(f[9])) {
                    listening.add(address(f[1]));
                }
            }
        }
        return listening;
    }

    /** Whether an address from {@link #of(long)} is on the loopback interface. */
    static boolean loopback(String address) {
        return address.startsWith("127.") || address.startsWith("[::1]") || address.startsWith("[::ffff:127.");
    }

    private static String address(String hex) {
        String[] parts = hex.split(":");
        int port = Integer.parseInt(parts[1], 16);
        String ip = parts[0];
        if (ip.length() == 8) {
            return ipv4(ip) + ":" + port;
        }
        // Four 32-bit words, each in little-endian order.
        StringBuilder bytes = new StringBuilder();
        for (int w = 0; w < 4; w++) {
            String word = ip.substring(w * 8, w * 8 + 8);
            for (int b = 3; b >= 0; b--) {
                bytes.append(word, b * 2, b * 2 + 2);
            }
        }
        String all = bytes.toString().toLowerCase(Locale.ROOT);
        if (all.equals("00000000000000000000000000000001")) {
            return "[::1]:" + port;
        }
        if (all.startsWith("00000000000000000000ffff")) {
            return "[::ffff:" + dotted(all.substring(24)) + "]:" + port;
        }
        return "[" + all + "]:" + port;
    }

    private static String ipv4(String littleEndian) {
        return dotted(littleEndian.substring(6, 8) + littleEndian.substring(4, 6) + littleEndian.substring(2, 4)
                + littleEndian.substring(0, 2));
    }

    /** Eight hex digits in network order as {@code a.b.c.d}. */
    private static String dotted(String hex) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i += 2) {
            out.append(i == 0 ? "" : ".").append(Integer.parseInt(hex.substring(i, i + 2), 16));
        }
        return out.toString();
    }
}
