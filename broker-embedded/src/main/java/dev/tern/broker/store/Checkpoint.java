package dev.tern.broker.store;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The journal's checkpoint file, {@code tern-checkpoint.bin}: a {@link JournalState} as of one
 * journal document (its {@link JournalState#position}); replay loads it and continues with the
 * document after that one, so older journal files are no longer read (and can be deleted once no
 * pending message's body is in them).
 *
 * <p>Written to a temporary file, forced to disk, then renamed over the previous one (and the
 * directory forced): a crash leaves the old checkpoint or the new one, never a mix. The file ends
 * with a CRC-32C of everything before it.
 *
 * <pre>
 *   magic:"TERNCKP1" position:long highestSequence:long
 *   keys:   n:var (utf)*                                     queue keys, referred to by number below
 *   subs:   n:var (key:var topic:str clientId:str name:str selector:str flags:byte)*
 *   marks:  n:var (key:var highest:long)*
 *   cycles: n:var (cycle:int bytes:var)*
 *   msgs:   n:var (sequence:var document:long priority:byte expiration:var deliveryTime:var size:var
 *                  k:var (key:var count:var)^k)*
 *   crc:int
 * </pre>
 * {@code var} is an unsigned LEB128 long; {@code str} is a presence byte then {@code writeUTF}.
 */
final class Checkpoint {

    static final String FILE = "tern-checkpoint.bin";
    private static final String TEMP = "tern-checkpoint.tmp";
    private static final long MAGIC = 0x5445524e434b5031L; // "TERNCKP1"

    private Checkpoint() {
    }

    /** Writes the state as the directory's checkpoint, durably; returns the file's size. */
    static long write(Path directory, JournalState state) throws IOException {
        Path temp = directory.resolve(TEMP);
        CRC32C crc = new CRC32C();
        try (OutputStream file = Files.newOutputStream(temp);
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new CheckedOutputStream(file, crc),
                     1 << 16))) {
            out.writeLong(MAGIC);
            out.writeLong(state.position);
            out.writeLong(state.highestSequence);
            Map<String, Integer> keys = new HashMap<>();
            List<String> keyList = new ArrayList<>();
            java.util.function.Function<String, Integer> id = k -> keys.computeIfAbsent(k, x -> {
                keyList.add(x);
                return keyList.size() - 1;
            });
            state.subscriptions.keySet().forEach(id::apply);
            state.deliveredMarks.keySet().forEach(id::apply);
            PendingTable.Cursor each = state.messages.cursor();
            while (each.next()) {
                for (int q = 0, n = each.queueCount(); q < n; q++) {
                    id.apply(each.queueKey(q));
                }
            }
            writeVar(out, keyList.size());
            for (String k : keyList) {
                out.writeUTF(k);
            }
            writeVar(out, state.subscriptions.size());
            for (SubscriptionCreated s : state.subscriptions.values()) {
                writeVar(out, keys.get(s.queueKey()));
                writeString(out, s.topic());
                writeString(out, s.clientId());
                writeString(out, s.subscriptionName());
                writeString(out, s.selector());
                out.writeByte((s.noLocal() ? 1 : 0) | (s.shared() ? 2 : 0));
            }
            writeVar(out, state.deliveredMarks.size());
            for (Map.Entry<String, Long> mark : state.deliveredMarks.entrySet()) {
                writeVar(out, keys.get(mark.getKey()));
                out.writeLong(mark.getValue());
            }
            writeVar(out, state.cycleBytes().size());
            for (Map.Entry<Integer, Long> cycle : state.cycleBytes().entrySet()) {
                out.writeInt(cycle.getKey());
                writeVar(out, cycle.getValue());
            }
            writeVar(out, state.messages.size());
            PendingTable.Cursor m = state.messages.cursor();
            while (m.next()) {
                long sequence = m.sequence();
                writeVar(out, sequence);
                out.writeLong(m.documentIndex());
                out.writeByte(m.priority());
                writeVar(out, m.expiration());
                writeVar(out, m.deliveryTime());
                writeVar(out, m.bodySize());
                int queueCount = m.queueCount();
                writeVar(out, queueCount);
                for (int q = 0; q < queueCount; q++) {
                    String k = m.queueKey(q);
                    writeVar(out, keys.get(k));
                    Map<Long, Integer> counts = state.deliveryCounts.get(k);
                    Integer count = counts == null ? null : counts.get(sequence);
                    writeVar(out, count == null ? 0 : count);
                }
            }
            out.flush();
            file.write(intBytes((int) crc.getValue()));
            file.flush();
        }
        Fsync.file(temp);
        Path target = directory.resolve(FILE);
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        Fsync.directory(directory);
        return Files.size(target);
    }

    /**
     * The directory's checkpoint, or null if it has none.
     *
     * @throws IOException if it exists but cannot be read or is damaged (the journal files it replaced
     *                     may be gone: starting without it would lose data)
     */
    static JournalState load(Path directory) throws IOException {
        Path file = directory.resolve(FILE);
        Files.deleteIfExists(directory.resolve(TEMP)); // a checkpoint a crash left unfinished
        if (!Files.exists(file)) {
            return null;
        }
        long size = Files.size(file);
        if (size < 8 + 8 + 8 + 4) {
            throw damaged(file, "too short (" + size + " bytes)");
        }
        CRC32C crc = new CRC32C();
        JournalState state = new JournalState();
        try (InputStream raw = Files.newInputStream(file);
             CheckedInputStream checked = new CheckedInputStream(new BoundedInput(raw, size - 4), crc);
             DataInputStream in = new DataInputStream(new BufferedInputStream(checked, 1 << 16))) {
            if (in.readLong() != MAGIC) {
                throw damaged(file, "not a Tern checkpoint of this version");
            }
            state.position = in.readLong();
            state.highestSequence = in.readLong();
            int keyCount = (int) readVar(in);
            String[] keys = new String[keyCount];
            for (int i = 0; i < keyCount; i++) {
                keys[i] = in.readUTF();
            }
            long subs = readVar(in);
            for (long i = 0; i < subs; i++) {
                String key = keys[(int) readVar(in)];
                String topic = readString(in);
                String clientId = readString(in);
                String name = readString(in);
                String selector = readString(in);
                int flags = in.readUnsignedByte();
                state.subscriptions.put(key, new SubscriptionCreated(key, topic, clientId, name, selector,
                        (flags & 1) != 0, (flags & 2) != 0));
            }
            long marks = readVar(in);
            for (long i = 0; i < marks; i++) {
                state.deliveredMarks.put(keys[(int) readVar(in)], in.readLong());
            }
            long cycles = readVar(in);
            for (long i = 0; i < cycles; i++) {
                state.cycleBytes().put(in.readInt(), readVar(in));
            }
            long messages = readVar(in);
            for (long i = 0; i < messages; i++) {
                long sequence = readVar(in);
                long document = in.readLong();
                int priority = in.readByte();
                long expiration = readVar(in);
                long deliveryTime = readVar(in);
                int bodySize = (int) readVar(in);
                long queues = readVar(in);
                for (long q = 0; q < queues; q++) {
                    String key = keys[(int) readVar(in)];
                    if (q == 0) {
                        state.messages.add(sequence, document, priority, expiration, deliveryTime, bodySize, key);
                    } else {
                        state.messages.addQueue(sequence, key);
                    }
                    int count = (int) readVar(in);
                    if (count > 0) {
                        state.deliveryCounts.computeIfAbsent(key, k -> new HashMap<>()).put(sequence, count);
                    }
                }
            }
            if (in.read() != -1) {
                throw damaged(file, "bytes after the last message");
            }
            byte[] stored = new byte[4];
            if (raw.readNBytes(stored, 0, 4) != 4 || fromBytes(stored) != (int) crc.getValue()) {
                throw damaged(file, "checksum mismatch");
            }
        } catch (EOFException | ArrayIndexOutOfBoundsException | NegativeArraySizeException | IllegalStateException e) {
            throw damaged(file, "cut short or malformed (" + e + ")");
        }
        return state;
    }

    private static IOException damaged(Path file, String what) {
        return new IOException("TERN-J003 the journal checkpoint " + file + " is damaged: " + what
                + "; the journal files it replaced may be deleted, so the broker refuses to start: restore the"
                + " data directory from a backup");
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    private static String readString(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    static void writeVar(DataOutputStream out, long value) throws IOException {
        while ((value & ~0x7FL) != 0) {
            out.writeByte((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.writeByte((int) value);
    }

    static long readVar(DataInputStream in) throws IOException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.readUnsignedByte();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("malformed number");
    }

    private static byte[] intBytes(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    private static int fromBytes(byte[] b) {
        return ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
    }

    /** Reads at most {@code limit} bytes of the stream (the checksum after them is read directly). */
    private static final class BoundedInput extends InputStream {
        private final InputStream in;
        private long left;

        BoundedInput(InputStream in, long limit) {
            this.in = in;
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(buffer, offset, (int) Math.min(length, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public void close() {
            // the raw stream is closed by its own try
        }
    }
}
