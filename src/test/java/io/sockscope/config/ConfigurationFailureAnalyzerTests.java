package io.sockscope.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.sockscope.SockscopeApplication;
import io.sockscope.support.Markdown;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * What the application prints when it cannot start because of a {@code sockscope.*}
 * value: the application started for real, with the configuration in a YAML file as a
 * user writes it.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConfigurationFailureAnalyzerTests {

	private static final String FRAMINGS = "line, crlf, lf, null, raw, length-header-1, length-header-2, "
			+ "length-header-4, stx-etx";

	@TempDir
	Path directory;

	@Test
	void yamlNullFramingStopsStartUpNamingThePropertyAndHowToQuoteNull(CapturedOutput output) throws IOException {
		start("""
				sockscope:
				  listeners:
				    echo:
				      port: 0
				      framing: null
				""");
		assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START")
			.contains("Property sockscope.listeners.echo.framing is present but has no value (URL [file:"
					+ this.directory.resolve("config").resolve("application.yml")
					+ "] - 5:16). YAML reads null, ~ and nothing at all"
					+ " as no value, and sockscope stops rather than give the property its default.")
			.contains("Give sockscope.listeners.echo.framing a value, or remove it to use its default."
					+ " The framing named null is written \"null\", quoted, in YAML.")
			.doesNotContain("at io.sockscope");
	}

	@Test
	void emptyPortStopsStartUpNamingIt(CapturedOutput output) throws IOException {
		start("""
				sockscope:
				  listeners:
				    echo:
				      port:
				""");
		assertThat(output.getOut() + output.getErr())
			.contains("Property sockscope.listeners.echo.port is present but has no value")
			.contains("Give sockscope.listeners.echo.port a value, or remove it to use its default.")
			.doesNotContain("written \"null\"");
	}

	@Test
	void unknownFramingListsTheDocumentedSpellingsNotJavaConstants(CapturedOutput output) throws IOException {
		start("""
				sockscope:
				  listeners:
				    echo:
				      port: 0
				      framing: length-header-3
				""");
		assertThat(output.getOut() + output.getErr())
			.contains("Property sockscope.listeners.echo.framing has the value 'length-header-3' (URL [file:"
					+ this.directory.resolve("config").resolve("application.yml") + "] - 5:16), which is not one of: "
					+ FRAMINGS + ".")
			.contains("Set sockscope.listeners.echo.framing to one of: " + FRAMINGS + ".")
			.doesNotContain("LENGTH_HEADER_2", "No enum constant");
	}

	@Test
	void unknownModeListsTheModes(CapturedOutput output) throws IOException {
		start("""
				sockscope:
				  listeners:
				    echo:
				      port: 0
				      mode: mirror
				""");
		assertThat(output.getOut() + output.getErr())
			.contains("Set sockscope.listeners.echo.mode to one of: echo, http, auto, sink, relay.")
			.doesNotContain("RELAY");
	}

	@Test
	void quotedNullIsTheNullFraming(CapturedOutput output) throws IOException {
		Path config = write("""
				sockscope:
				  listeners:
				    echo:
				      port: 0
				      framing: "null"
				""");
		try (var context = new SpringApplicationBuilder(SockscopeApplication.class).run(location(config),
				"--server.port=0")) {
			assertThat(output.getOut()).contains("Listener 'echo' listening on 127.0.0.1:")
				.contains("(framing=null, mode=auto)");
		}
	}

	@Test
	void configurationDocumentShowsTheMessagesAsTheyArePrinted(CapturedOutput output) throws IOException {
		start("""
				sockscope:
				  listeners:
				    echo:
				      port: 0
				      framing: length-header-3
				""");
		start("""
				sockscope:
				  listeners:
				    echo:
				      port: 0
				      framing: null
				""");
		// as printed for ./config/application.yml in the working directory
		String printed = (output.getOut() + output.getErr()).replace(this.directory.toAbsolutePath() + "/", "");
		List<List<String>> blocks = Markdown.blocksAfter(Path.of("docs", "configuration.md"),
				"<!-- checked: ConfigurationFailureAnalyzerTests -->");
		assertThat(blocks).singleElement()
			.satisfies(
					(block) -> assertThat(block).isNotEmpty().allSatisfy((line) -> assertThat(printed).contains(line)));
	}

	private void start(String yaml) throws IOException {
		Path config = write(yaml);
		assertThatException().isThrownBy(() -> new SpringApplicationBuilder(SockscopeApplication.class)
			.run(location(config), "--server.port=0"));
	}

	private Path write(String yaml) throws IOException {
		Path config = Files.createDirectories(this.directory.resolve("config"));
		return Files.writeString(config.resolve("application.yml"), yaml);
	}

	private static String location(Path config) {
		return "--spring.config.additional-location=file:" + config;
	}

}
