package io.sockscope;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sockscope.support.Markdown;
import io.sockscope.support.PropertyTree;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documentation agrees with the code: docs/configuration.md lists every sockscope
 * property with its default and no other, the Spring Boot properties it names exist, the
 * links between the documents lead somewhere, and the README stays short.
 */
class DocumentationTests {

	private static final Path CONFIGURATION = Path.of("docs", "configuration.md");

	private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| (`([^`]*)`)? ?\\|");

	private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

	@Test
	void configurationListsEverySockscopePropertyWithItsDefault() throws IOException {
		Map<String, String> documented = rows(CONFIGURATION, "sockscope.");
		Map<String, String> expected = PropertyTree.sockscope();
		assertThat(documented).as("docs/configuration.md, table Properties; the records say:%n%s", table(expected))
			.containsExactlyEntriesOf(expected);
	}

	@Test
	void configurationCoversThePropertiesOfTheBuildsMetadata() throws IOException {
		Map<String, String> documented = rows(CONFIGURATION, "sockscope.");
		JsonNode metadata = JsonMapper.builder()
			.build()
			.readTree(Path.of("target", "classes", "META-INF", "spring-configuration-metadata.json").toFile());
		assertThat(metadata.path("properties")).isNotEmpty();
		for (JsonNode property : metadata.path("properties")) {
			String name = property.path("name").asText();
			if (property.path("type").asText().startsWith("java.util.Map<")) {
				assertThat(documented.keySet()).as("properties under the map %s", name)
					.anyMatch((documentedName) -> documentedName.startsWith(name + ".<name>."));
			}
			else {
				assertThat(documented).as(name).containsKey(name);
				if (property.has("defaultValue")) {
					assertThat(documented.get(name)).as("default of %s", name)
						.isEqualTo(property.path("defaultValue").asText());
				}
			}
		}
	}

	@Test
	void springBootPropertiesTheConfigurationNamesExist() throws IOException {
		Set<String> known = new TreeSet<>();
		Set<String> maps = new TreeSet<>();
		Enumeration<URL> files = getClass().getClassLoader()
			.getResources("META-INF/spring-configuration-metadata.json");
		while (files.hasMoreElements()) {
			try (InputStream in = files.nextElement().openStream()) {
				for (JsonNode property : JsonMapper.builder().build().readTree(in).path("properties")) {
					known.add(property.path("name").asText());
					if (property.path("type").asText().startsWith("java.util.Map<")) {
						maps.add(property.path("name").asText());
					}
				}
			}
		}
		Map<String, String> documented = rows(CONFIGURATION, "");
		documented.keySet().removeIf((name) -> name.startsWith("sockscope."));
		assertThat(documented).isNotEmpty();
		assertThat(documented.keySet()).allSatisfy((
				name) -> assertThat(known.contains(name) || maps.stream().anyMatch((map) -> name.startsWith(map + ".")))
					.as("%s is a Spring Boot property", name)
					.isTrue());
	}

	@Test
	void linksBetweenTheDocumentsLeadToFilesAndHeadings() {
		List<String> broken = new ArrayList<>();
		for (Path document : Markdown.documents()) {
			String text = String.join("\n", Markdown.lines(document));
			Matcher link = LINK.matcher(text);
			while (link.find()) {
				String target = link.group(1);
				if (target.startsWith("http://") || target.startsWith("https://")) {
					continue;
				}
				String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
				String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
				Path resolved = file.isEmpty() ? document : document.resolveSibling(file).normalize();
				if (!Files.exists(resolved)) {
					broken.add(document + ": " + target + " (no " + resolved + ")");
				}
				else if (anchor != null && !anchors(resolved).contains(anchor)) {
					broken.add(document + ": " + target + " (no heading #" + anchor + " in " + resolved + ")");
				}
			}
		}
		assertThat(broken).isEmpty();
	}

	@Test
	void readmeIsAShortIntroduction() throws IOException {
		assertThat(Files.size(Path.of("README.md"))).isLessThan(16 * 1024);
		// the two commands a newcomer needs, exactly
		assertThat(Files.readString(Path.of("README.md"))).contains("\n./mvnw spring-boot:run   #",
				"\n./mvnw verify            #");
	}

	/**
	 * The first two cells of every table row whose first cell is a property name in
	 * backticks starting with the prefix: name to default ({@code ""} for an empty cell).
	 */
	private static Map<String, String> rows(Path document, String prefix) {
		Map<String, String> rows = new LinkedHashMap<>();
		for (String line : Markdown.lines(document)) {
			Matcher row = ROW.matcher(line);
			if (row.find() && row.group(1).startsWith(prefix) && row.group(1).matches("[a-z][a-z0-9.<>-]*")) {
				rows.put(row.group(1), (row.group(3) != null) ? row.group(3) : "");
			}
		}
		return rows;
	}

	private static String table(Map<String, String> properties) {
		StringBuilder table = new StringBuilder();
		properties.forEach((name, defaultValue) -> table.append("| `")
			.append(name)
			.append("` | ")
			.append(defaultValue.isEmpty() ? "" : "`" + defaultValue + "`")
			.append(" | ... |\n"));
		return table.toString();
	}

	/**
	 * The anchors GitHub gives a document's headings: lower case, punctuation other than
	 * hyphens dropped, spaces as hyphens.
	 */
	private static Set<String> anchors(Path document) {
		Set<String> anchors = new TreeSet<>();
		boolean fenced = false;
		for (String line : Markdown.lines(document)) {
			if (line.startsWith("```")) {
				fenced = !fenced;
			}
			else if (!fenced && line.startsWith("#")) {
				String heading = line.replaceFirst("^#+\\s*", "").toLowerCase(Locale.ROOT);
				anchors.add(heading.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
			}
		}
		return anchors;
	}

}
