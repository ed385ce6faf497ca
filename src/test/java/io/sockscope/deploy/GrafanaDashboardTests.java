package io.sockscope.deploy;

import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana dashboard that ships with the chart ({@code dashboards/sockscope.json}).
 */
class GrafanaDashboardTests {

	/**
	 * The Prometheus names of sockscope's meters, as the product specification lists
	 * them.
	 */
	private static final Set<String> COUNTERS_AND_GAUGES = Set.of("sockscope_connections_active",
			"sockscope_connections_opened_total", "sockscope_connections_closed_total",
			"sockscope_received_bytes_total", "sockscope_sent_bytes_total", "sockscope_frames_received_total",
			"sockscope_frames_sent_total", "sockscope_errors_total");

	private static final Set<String> HISTOGRAMS = Set.of("sockscope_frame_size_bytes",
			"sockscope_frame_handling_seconds", "sockscope_upstream_seconds");

	private static final Pattern METRIC = Pattern.compile("sockscope_[a-z_]+");

	private static final Pattern HISTOGRAM_SERIES = Pattern.compile("(.+)_(bucket|sum|count)");

	private final JsonNode dashboard = read();

	@Test
	void everyQueryNamesARealSockscopeMeter() {
		for (String name : queriedNames()) {
			Matcher histogramSeries = HISTOGRAM_SERIES.matcher(name);
			boolean histogram = histogramSeries.matches() && HISTOGRAMS.contains(histogramSeries.group(1));
			assertThat(COUNTERS_AND_GAUGES.contains(name) || histogram).as("%s is a sockscope series", name).isTrue();
		}
	}

	@Test
	void everyMeterIsOnThePanels() {
		Set<String> families = new TreeSet<>();
		for (String name : queriedNames()) {
			Matcher histogramSeries = HISTOGRAM_SERIES.matcher(name);
			families.add(histogramSeries.matches() ? histogramSeries.group(1) : name);
		}
		assertThat(families).containsAll(COUNTERS_AND_GAUGES).containsAll(HISTOGRAMS);
	}

	@Test
	void panelsUseTheDataSourceAndListenerVariables() {
		assertThat(this.dashboard.path("templating").path("list").findValuesAsText("name")).contains("datasource",
				"listener");
		for (JsonNode panel : this.dashboard.path("panels")) {
			assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
			for (JsonNode target : panel.path("targets")) {
				assertThat(target.path("expr").asText()).contains("listener=~\"$listener\"");
			}
		}
	}

	@Test
	void panelsHaveUniqueIdsAndDoNotOverlap() {
		Set<Integer> ids = new TreeSet<>();
		Set<String> cells = new TreeSet<>();
		for (JsonNode panel : this.dashboard.path("panels")) {
			assertThat(ids.add(panel.path("id").asInt())).as("unique id %s", panel.path("id")).isTrue();
			JsonNode grid = panel.path("gridPos");
			assertThat(grid.path("x").asInt() + grid.path("w").asInt()).isLessThanOrEqualTo(24);
			for (int x = grid.path("x").asInt(); x < grid.path("x").asInt() + grid.path("w").asInt(); x++) {
				for (int y = grid.path("y").asInt(); y < grid.path("y").asInt() + grid.path("h").asInt(); y++) {
					assertThat(cells.add(x + "," + y)).as("panel %s overlaps another", panel.path("title")).isTrue();
				}
			}
		}
	}

	private Set<String> queriedNames() {
		Set<String> names = new TreeSet<>();
		for (String expression : this.dashboard.findValuesAsText("expr")) {
			Matcher matcher = METRIC.matcher(expression);
			while (matcher.find()) {
				names.add(matcher.group());
			}
		}
		assertThat(names).isNotEmpty();
		return names;
	}

	private static JsonNode read() {
		try {
			return JsonMapper.builder()
				.build()
				.readTree(HelmChart.DIRECTORY.resolve("dashboards/sockscope.json").toFile());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
