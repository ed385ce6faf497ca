package io.sockscope.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of {@code /actuator/prometheus}, read as the sample lines Prometheus would
 * store.
 */
public final class PrometheusScrape {

	private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})? (\\S+)$");

	private final Map<String, Double> samples;

	private final String text;

	private PrometheusScrape(String text) {
		this.text = text;
		this.samples = new HashMap<>();
		for (String line : text.split("\n")) {
			Matcher matcher = SAMPLE.matcher(line);
			if (matcher.matches()) {
				String labels = (matcher.group(2) != null) ? matcher.group(2) : "";
				this.samples.put(matcher.group(1) + labels, Double.parseDouble(matcher.group(3)));
			}
		}
	}

	public static PrometheusScrape of(int managementPort) {
		try {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus"))
					.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("Scrape answered " + response.statusCode());
			}
			return new PrometheusScrape(response.body());
		}
		catch (Exception ex) {
			throw new IllegalStateException("Scrape failed", ex);
		}
	}

	/**
	 * The value of one sample, exactly as named with its labels in Prometheus' order
	 * (alphabetical), such as
	 * {@code sockscope_errors_total{kind="oversize",listener="echo"}}; 0 if absent.
	 */
	public double value(String sample) {
		return this.samples.getOrDefault(sample, 0.0);
	}

	public String text() {
		return this.text;
	}

}
