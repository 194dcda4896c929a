package dev.tern.samples;

/** What every sample shares: where the broker is. */
public final class Samples {

    /** System property naming the broker URL, e.g. {@code -Dtern.samples.url=tcp://localhost:61616}. */
    public static final String URL_PROPERTY = "tern.samples.url";

    /**
     * The embedded broker called {@code samples}, started in this JVM on first use; its journal
     * goes to {@code tern-data/samples} under the working directory.
     */
    public static final String DEFAULT_URL = "vm://samples";

    private Samples() {
    }

    /** The broker URL the samples connect to: {@value #URL_PROPERTY} if set, else {@value #DEFAULT_URL}. */
    public static String brokerUrl() {
        String url = System.getProperty(URL_PROPERTY);
        return url == null || url.isBlank() ? DEFAULT_URL : url.trim();
    }
}
