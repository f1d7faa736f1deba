package dev.captchagate.trustcaptcha.internal.util;

import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Creates a JSON-P parser over bytes held in memory. Not part of the API.
 *
 * <p>A parser over an {@code InputStream} (Parsson's) detects the encoding, then decodes through an
 * {@code InputStreamReader}, whose decoder allocates an 8 KiB byte buffer and decodes 8 KiB ahead before the
 * parser sees the first member: most of the memory, and most of the time, of a search that stops at a token near
 * the start of a body. For the bodies Parsson reads as UTF-8 without a byte order mark (all of RFC 8259's JSON),
 * this gives it a reader that decodes the same bytes with the JDK's same decoder, in the same way (malformed
 * sequences replaced, as {@code InputStreamReader} does), {@value #CHUNK} bytes at a time. Anything else (a byte
 * order mark, UTF-16 or UTF-32, fewer than four bytes) goes to Parsson's own detection, as before.
 */
public final class JsonInput {

    /** Bytes decoded per read. */
    static final int CHUNK = 1024;

    private JsonInput() {
    }

    /**
     * A parser over the first {@code length} bytes.
     *
     * @param factory the parser factory
     * @param bytes the JSON text
     * @param length how many bytes of it to read
     * @return the parser; closing it is cheap, but do close it
     */
    public static JsonParser parser(JsonParserFactory factory, byte[] bytes, int length) {
        if (!plainUtf8(bytes, length)) {
            return factory.createParser(new ByteArrayInputStream(bytes, 0, length));
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        return factory.createParser(Channels.newReader(new ArrayChannel(bytes, length), utf8, CHUNK));
    }

    /**
     * Whether Parsson's encoding detection would take these bytes as UTF-8 without a byte order mark: at least four
     * bytes, none of the first four is zero (the UTF-16 and UTF-32 patterns of RFC 4627 and their byte order marks
     * all have one), and no UTF-16 or UTF-8 byte order mark.
     */
    static boolean plainUtf8(byte[] bytes, int length) {
        if (length < 4) {
            return false;
        }
        for (int i = 0; i < 4; i++) {
            if (bytes[i] == 0) {
                return false;
            }
        }
        int first = bytes[0] & 0xff;
        int second = bytes[1] & 0xff;
        boolean utf16Bom = (first == 0xfe && second == 0xff) || (first == 0xff && second == 0xfe);
        boolean utf8Bom = first == 0xef && second == 0xbb && (bytes[2] & 0xff) == 0xbf;
        return !utf16Bom && !utf8Bom;
    }

    /** The bytes as a channel, without copying them first. */
    private static final class ArrayChannel implements ReadableByteChannel {
        private final byte[] bytes;
        private final int length;
        private int position;

        ArrayChannel(byte[] bytes, int length) {
            this.bytes = bytes;
            this.length = length;
        }

        @Override
        public int read(ByteBuffer into) {
            if (position >= length) {
                return -1;
            }
            int count = Math.min(into.remaining(), length - position);
            into.put(bytes, position, count);
            position += count;
            return count;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
            // nothing to release
        }
    }
}
