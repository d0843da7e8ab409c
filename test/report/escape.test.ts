import { describe, expect, test } from "vitest";
import {
  escapeHtml,
  escapeMarkdown,
  escapeMermaidLabel,
  escapeTerminal,
  markdownCode,
  markdownLink,
  neutralizeMentions,
  singleLine,
  truncate,
} from "../../src/report/escape.js";
import {
  inlineText,
  liveAutolinks,
  markdownProblems,
  parseMarkdown,
  tables,
  visibleText,
} from "./markdown-checks.js";

const ZWJ = "\u200d";

describe("neutralizeMentions", () => {
  test("puts an invisible joiner after every @ so no user or team is pinged", () => {
    expect(neutralizeMentions("ping @octocat and @org/team")).toBe(`ping @${ZWJ}octocat and @${ZWJ}org/team`);
  });

  test("breaks #123 issue references but leaves other hashes alone", () => {
    expect(neutralizeMentions("fixes #12, see #anchor")).toBe(`fixes #${ZWJ}12, see #anchor`);
  });
});

describe("singleLine", () => {
  test("turns every kind of line break and tab into a space", () => {
    expect(singleLine("a\nb\r\nc\rd\u2028e\u2029f\u0085g\th")).toBe("a b  c d e f g h");
  });

  test("drops control characters and bidirectional overrides", () => {
    expect(singleLine("a\u0000b\u001b[31mc\u202ed\u2066e\u007f")).toBe("ab[31mcde");
  });
});

describe("truncate", () => {
  test("keeps short text and ends long text with an ellipsis within the limit", () => {
    expect(truncate("short", 10)).toBe("short");
    expect(truncate("abcdefghijkl", 5)).toBe("abcd…");
  });

  test("counts code points, so it never splits an emoji", () => {
    expect(truncate("😀😀😀", 2)).toBe("😀…");
  });
});

describe("escapeMarkdown", () => {
  test("keeps ordinary names readable", () => {
    expect(escapeMarkdown("shop/web-1 k8s-app=kube-dns 10.0.0.0/8")).toBe(
      "shop/web-1 k8s-app=kube-dns 10.0.0.0/8",
    );
  });

  test("writes HTML metacharacters as entities so no tag or comment survives", () => {
    expect(escapeMarkdown("</details><!-- x --> & <script>")).toBe(
      "&lt;/details&gt;&lt;!-- x --&gt; &amp; &lt;script&gt;",
    );
  });

  test("backslash-escapes Markdown syntax, pipes included", () => {
    expect(escapeMarkdown("*a* _b_ `c` [d](e) |f| ~g~ $h$ \\")).toBe(
      "\\*a\\* \\_b\\_ \\`c\\` \\[d\\](e) \\|f\\| \\~g\\~ \\$h\\$ \\\\",
    );
  });

  test("renders back to exactly the input text", () => {
    const input = "a*b_c`d[e](f)|g~h$i\\j <k> &l @m #1";
    expect(inlineText(escapeMarkdown(input))).toBe(input);
  });

  test("keeps a table row intact whatever the cell holds", () => {
    const cell = escapeMarkdown("a | b\n| c | d |\n\n# heading");
    const markdown = `| one | two |\n| --- | --- |\n| ${cell} | x |`;
    expect(markdownProblems(markdown)).toEqual([]);
    expect(tables(markdown)).toEqual([
      [
        ["one", "two"],
        ["a | b | c | d |  # heading", "x"],
      ],
    ]);
  });
});

describe("markdownCode", () => {
  test("shows text literally in a code span", () => {
    expect(markdownCode("shop/policies.yaml:12")).toBe("`shop/policies.yaml:12`");
    expect(visibleText(markdownCode("<b>@team</b>"))).toBe("<b>@team</b>");
  });

  test("uses a fence longer than any backtick run inside", () => {
    const code = markdownCode("a``b`");
    expect(code).toBe("``` a``b` ```");
    expect(visibleText(code)).toBe("a``b`");
  });

  test("escapes pipes in a table cell only", () => {
    expect(markdownCode("a|b")).toBe("`a|b`");
    expect(markdownCode("a|b", true)).toBe("`a\\|b`");
    expect(tables(`| h |\n| --- |\n| ${markdownCode("a|b", true)} |`)).toEqual([[["h"], ["a|b"]]]);
  });

  test("stays on one line", () => {
    expect(markdownCode("a\nb")).toBe("`a b`");
  });
});

describe("markdownLink", () => {
  test("links http(s) URLs, percent-encoding what would end the link", () => {
    expect(markdownLink("`x`", "https://example.com/a b/(c)<d>")).toBe(
      "[`x`](https://example.com/a%20b/%28c%29%3Cd%3E)",
    );
  });

  test("shows only the text for any other scheme", () => {
    expect(markdownLink("x", "javascript:alert(1)")).toBe("x");
    expect(markdownLink("x", undefined)).toBe("x");
  });
});

describe("escapeHtml", () => {
  test("writes entities and neutralises mentions without breaking an entity", () => {
    expect(escapeHtml(`<a href="x">'@team'</a>`)).toBe(
      `&lt;a href=&quot;x&quot;&gt;&#39;@${ZWJ}team&#39;&lt;/a&gt;`,
    );
  });

  test("produces no HTML when placed in a <summary>", () => {
    const markdown = `<details>\n<summary>${escapeHtml("</summary></details><script>@org/x")}</summary>\n\nbody\n</details>`;
    expect(markdownProblems(markdown)).toEqual([]);
    expect(parseMarkdown(markdown).children).toHaveLength(3);
  });
});

describe("escapeMermaidLabel", () => {
  test("keeps names readable and writes everything else as entity codes", () => {
    expect(escapeMermaidLabel("shop/web k8s-app=dns")).toBe("shop/web k8s-app=dns");
    expect(escapeMermaidLabel('a"b')).toBe("a#quot;b");
    expect(escapeMermaidLabel("A-->B; click")).toBe("A--#62;B#59; click");
    expect(escapeMermaidLabel("[x](y){z}`#")).toBe("#91;x#93;#40;y#41;#123;z#125;#96;#35;");
  });

  test("stays on one line", () => {
    expect(escapeMermaidLabel("a\nb")).toBe("a b");
  });
});

describe("escapeTerminal", () => {
  test("removes escape sequences and line breaks", () => {
    expect(escapeTerminal("a\u001b[2Jb\nc")).toBe("a[2Jb c");
  });
});

describe("autolinks", () => {
  const LINKS = [
    "www.acme-sso-login.example",
    "WWW.ACME.example",
    "(www.acme.example)",
    "https://acme.example/login?x=1",
    "http://acme.example",
    "ftp://files.acme.example",
    "xhttps://acme.example",
    "mailto:security@acme.example",
    "security@acme.example",
    "see:https://acme.example",
  ];

  test("the judge finds GitHub's autolinks in plain text, including cmark-gfm's ftp://", () => {
    for (const link of LINKS.filter((l) => !l.startsWith("xhttps"))) {
      expect(liveAutolinks(`text ${link} text`), link).not.toEqual([]);
    }
    // Letters before the scheme make it another scheme for cmark-gfm; a bare domain is no autolink.
    expect(liveAutolinks("acme-sso-login.example")).toEqual([]);
    expect(liveAutolinks("[ours](https://acme.example)")).toEqual([]);
  });

  test("an invisible character after www. or :// does not stop the link", () => {
    expect(liveAutolinks("www.\u200dacme.example")).not.toEqual([]);
    expect(liveAutolinks("https://\u200dacme.example")).not.toEqual([]);
  });

  test("shows every URL, www. domain and email address as a code span, which links nothing", () => {
    for (const link of LINKS) {
      const markdown = escapeMarkdown(`policy ${link} | cell`);
      expect(liveAutolinks(markdown), markdown).toEqual([]);
      expect(markdownProblems(markdown)).toEqual([]);
      expect(markdown).toContain(`\`${link.replace(/^\((.*)\)$/, "$1")}\``);
      expect(inlineText(markdown)).toBe(`policy ${link} | cell`);
    }
    expect(escapeMarkdown("www.acme-sso-login.example")).toBe("`www.acme-sso-login.example`");
    // Quotes, brackets and punctuation around the run stay text.
    expect(escapeMarkdown('ping @octocat, fixes #12 ("www.a.example").')).toBe(
      'ping `@octocat`, fixes `#12` ("`www.a.example`").',
    );
  });

  test("keeps a table row intact when a cell holds a link", () => {
    const cell = escapeMarkdown("www.a.example|https://b.example/`x`|c");
    const markdown = `| one | two |\n| --- | --- |\n| ${cell} | x |`;
    expect(markdownProblems(markdown)).toEqual([]);
    expect(tables(markdown)).toEqual([
      [
        ["one", "two"],
        ["www.a.example|https://b.example/`x`|c", "x"],
      ],
    ]);
  });

  test("writes no invisible character into Markdown text", () => {
    expect(escapeMarkdown("@org/team #1 www.a.example a@b.example")).not.toContain(ZWJ);
  });
});
