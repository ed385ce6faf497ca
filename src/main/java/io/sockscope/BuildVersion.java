package io.sockscope;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import picocli.CommandLine.IVersionProvider;

import org.springframework.boot.SpringBootVersion;

/**
 * What {@code sockscope --version} prints: the version and build time the build wrote
 * ({@code META-INF/build-info.properties}), the commit when the build had one
 * ({@code git.properties}), and the Java and Spring Boot it runs on.
 */
final class BuildVersion implements IVersionProvider {

	@Override
	public String[] getVersion() {
		Properties build = load("META-INF/build-info.properties");
		Properties git = load("git.properties");
		StringBuilder first = new StringBuilder("sockscope ")
			.append(build.getProperty("build.version", "(unknown version)"));
		List<String> details = new ArrayList<>();
		if (git.getProperty("git.commit.id.abbrev") != null) {
			details.add("commit " + git.getProperty("git.commit.id.abbrev")
					+ ("true".equals(git.getProperty("git.dirty")) ? " with local changes" : ""));
		}
		if (build.getProperty("build.time") != null) {
			details.add("built " + build.getProperty("build.time"));
		}
		if (!details.isEmpty()) {
			first.append(" (").append(String.join(", ", details)).append(')');
		}
		return new String[] { first.toString(), "Java " + System.getProperty("java.runtime.version") + " ("
				+ System.getProperty("java.vendor") + "), Spring Boot " + SpringBootVersion.getVersion() };
	}

	private static Properties load(String resource) {
		Properties properties = new Properties();
		try (InputStream in = BuildVersion.class.getClassLoader().getResourceAsStream(resource)) {
			if (in != null) {
				properties.load(in);
			}
		}
		catch (IOException ex) {
			// no such details then
		}
		return properties;
	}

}
