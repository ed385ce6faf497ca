package io.sockscope.inspect;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PayloadRendererTests {

	private final PayloadRenderer text = new PayloadRenderer(PayloadFormat.TEXT, 1024);

	@Test
	void printableTextIsQuotedAsItIs() {
		assertThat(this.text.render(utf8("hello world"))).isEqualTo("\"hello world\"");
	}

	@Test
	void lineBreaksAndTabsAreEscaped() {
		assertThat(this.text.render(utf8("a\r\nb\tc"))).isEqualTo("\"a\\r\\nb\\tc\"");
	}

	@Test
	void quotesAndBackslashesCannotCloseTheToken() {
		assertThat(this.text.render(utf8("\" level=ERROR \\"))).isEqualTo("\"\\\" level=ERROR \\\\\"");
	}

	@Test
	void controlBytesAndInvalidUtf8BecomeHexEscapes() {
		byte[] bytes = { 0x1b, '[', '3', '1', 'm', (byte) 0xff, 0x00, 0x7f };
		assertThat(this.text.render(bytes)).isEqualTo("\"\\x1b[31m\\xff\\x00\\x7f\"");
	}

	@Test
	void validUtf8IsShownAsText() {
		assertThat(this.text.render(utf8("こんにちは"))).isEqualTo("\"こんにちは\"");
	}

	@Test
	void unicodeLineSeparatorsAndBidiOverridesAreEscapedAsTheirBytes() {
		assertThat(this.text.render(utf8("a\u2028b\u0085c\u202ed")))
			.isEqualTo("\"a\\xe2\\x80\\xa8b\\xc2\\x85c\\xe2\\x80\\xaed\"");
	}

	@Test
	void payloadIsCutAtTheLimitAndTheRestCounted() {
		PayloadRenderer renderer = new PayloadRenderer(PayloadFormat.TEXT, 4);
		assertThat(renderer.render(utf8("abcdefgh"))).isEqualTo("\"abcd\"");
		assertThat(renderer.omitted(8)).isEqualTo(4);
	}

	@Test
	void multibyteCharacterCutInTheMiddleShowsItsBytes() {
		PayloadRenderer renderer = new PayloadRenderer(PayloadFormat.TEXT, 2);
		assertThat(renderer.render(utf8("あ"))).isEqualTo("\"\\xe3\\x81\"");
	}

	@Test
	void hexShowsTwoDigitsPerByte() {
		PayloadRenderer hex = new PayloadRenderer(PayloadFormat.HEX, 3);
		assertThat(hex.render(new byte[] { 0x00, (byte) 0xab, 0x0a, 0x7f })).isEqualTo("00ab0a");
		assertThat(hex.omitted(4)).isEqualTo(1);
	}

	@Test
	void noneShowsNothing() {
		PayloadRenderer none = new PayloadRenderer(PayloadFormat.NONE, 1024);
		assertThat(none.showsPayload()).isFalse();
		assertThat(none.render(utf8("secret"))).isEmpty();
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
