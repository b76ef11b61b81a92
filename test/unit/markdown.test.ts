import { describe, expect, it } from "vitest";
import { renderMarkdown } from "@/lib/markdown";

describe("renderMarkdown", () => {
  it("renders the Markdown people write", () => {
    const html = renderMarkdown("# Why\n\nWe ask **clearly**.\n\n- one\n- two\n\n[policy](https://intranet.example.com/policy)");
    expect(html).toContain("<h2>Why</h2>");
    expect(html).toContain("<strong>clearly</strong>");
    expect(html).toContain("<li>one</li>");
    expect(html).toContain('href="https://intranet.example.com/policy"');
    expect(html).toContain('rel="noopener noreferrer nofollow"');
  });

  const attacks = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    '<iframe src="https://evil.example"></iframe>',
    '<svg onload="alert(1)"></svg>',
    "<style>body{display:none}</style>",
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    "[x](JaVaScRiPt:alert(1))",
    '<form action="https://evil.example"><button>go</button></form>',
  ];

  it.each(attacks)("neutralises %s", (attack) => {
    const html = renderMarkdown(`Before\n\n${attack}\n\nAfter`);
    expect(html).not.toMatch(/<(script|iframe|svg|style|img|form|div)\b/i);
    expect(html).not.toMatch(/\son\w+\s*=/i);
    expect(html).not.toMatch(/href="\s*(javascript|data):/i);
    expect(html).toContain("After");
  });
});
