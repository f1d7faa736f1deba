package dev.captchagate.trustcaptcha.testing;

import jakarta.servlet.http.Part;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;

/** A form field part of a multipart request. */
final class TestPart implements Part {

    private final String name;
    private final byte[] value;

    private TestPart(String name, byte[] value) {
        this.name = name;
        this.value = value;
    }

    static TestPart of(String name, String value) {
        return new TestPart(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public InputStream getInputStream() {
        return new ByteArrayInputStream(value);
    }

    @Override
    public String getContentType() {
        return null;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getSubmittedFileName() {
        return null;
    }

    @Override
    public long getSize() {
        return value.length;
    }

    @Override
    public void write(String fileName) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void delete() {
        // nothing stored
    }

    @Override
    public String getHeader(String headerName) {
        return null;
    }

    @Override
    public Collection<String> getHeaders(String headerName) {
        return List.of();
    }

    @Override
    public Collection<String> getHeaderNames() {
        return List.of();
    }
}
