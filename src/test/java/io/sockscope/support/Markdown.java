package io.sockscope.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The project's Markdown documents, read the simple way the tests need: the fenced code
 * blocks that follow a marker comment such as {@code <!-- checked: SomeTests -->}.
 */
public final class Markdown {

	private Markdown() {
	}

	/**
	 * Every Markdown document of the project that tests check: README.md, then
	 * {@code docs/}, then the READMEs beside what they document.
	 * @return their paths, relative to the project
	 */
	public static List<Path> documents() {
		List<Path> documents = new ArrayList<>();
		documents.add(Path.of("README.md"));
		try (var docs = Files.list(Path.of("docs"))) {
			docs.filter((path) -> path.toString().endsWith(".md")).sorted().forEach(documents::add);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		documents.add(Path.of("bench", "README.md"));
		documents.add(Path.of("docker", "README.md"));
		documents.add(Path.of("helm", "sockscope", "README.md"));
		return documents;
	}

	/**
	 * The fenced code blocks that come right after a line holding exactly the marker.
	 * @param document the Markdown file
	 * @param marker the marker line, such as {@code <!-- checked: SomeTests -->}
	 * @return each block's lines, fences left out, in document order
	 */
	public static List<List<String>> blocksAfter(Path document, String marker) {
		List<String> lines = lines(document);
		List<List<String>> blocks = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).strip().equals(marker)) {
				if (i + 1 >= lines.size() || !lines.get(i + 1).startsWith("```")) {
					throw new IllegalStateException(
							document + ":" + (i + 1) + ": " + marker + " must be followed by a fenced code block");
				}
				List<String> block = new ArrayList<>();
				int j = i + 2;
				while (j < lines.size() && !lines.get(j).startsWith("```")) {
					block.add(lines.get(j));
					j++;
				}
				blocks.add(block);
				i = j;
			}
		}
		return blocks;
	}

	public static List<String> lines(Path document) {
		try {
			return Files.readAllLines(document);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
