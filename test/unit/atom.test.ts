import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { publicOrigin } from "@/lib/http/origin";
import { feedId, timelineAtom, type TimelineItem } from "@/lib/timeline/queries";

const item = (summary: string, over: Partial<TimelineItem> = {}): TimelineItem => ({
  id: "e1",
  kind: "petition_opened",
  label: "Petition opened",
  summary,
  at: "2026-11-30T10:00:00.000Z",
  href: "/petitions/quiet-hours",
  subject: null,
  ...over,
});
/** Anything outside XML 1.0's Char production (section 2.2), written out from the spec. */
const NOT_XML_CHAR = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const parse = (xml: string) => new XMLParser({ ignoreAttributes: false }).parse(xml).feed;
const links = (feed: { link: { "@_rel": string; "@_href": string }[] }) => Object.fromEntries(feed.link.map((l) => [l["@_rel"], l["@_href"]]));

describe("the Atom feed", () => {
  it("stays well-formed whatever a title holds: characters XML forbids are dropped, markup escaped", () => {
    const hostile = "Quiet\uffff hours\ufffe \u0000\u0001\u0008\u000b\u000c\u001f\u007f <b>&amp; \"'\udfff\ud800 end \u{1f9d1}";
    const xml = timelineAtom([item(hostile, { id: "e\uffff1" })], "http://localhost:3100");
    expect(XMLValidator.validate(xml)).toBe(true);
    // fast-xml-parser's validator (5.12) does not check XML's Char production, so the test
    // checks it itself: nothing outside it, anywhere in the document.
    expect(xml.match(NOT_XML_CHAR)).toBeNull();
    const feed = parse(xml);
    expect(feed.entry.title).toBe("Petition opened: Quiet hours \u007f <b>&amp; \"' end \u{1f9d1}");
    expect(feed.entry.id).toBe("urn:undersigned:event:e1");
  });

  it("finds the forbidden characters the feed must not have, so the test above can fail", () => {
    expect("a\uffffb\u0001\ud800".match(NOT_XML_CHAR)).toEqual(["\uffff", "\u0001", "\ud800"]);
    expect("tab\t nl\n cr\r \u{1f9d1} \ufffd \ud7ff \ue000".match(NOT_XML_CHAR)).toBeNull();
  });

  it("gives every filter its own id and links that keep the filter", () => {
    const filters = [{}, { petition: "quiet-hours" }, { petition: "other" }, { program: "flow-insights" }, { kind: "response_posted" }, { petition: "quiet-hours", kind: "response_posted" }];
    const ids = filters.map(feedId);
    expect(new Set(ids).size).toBe(filters.length);
    expect(ids[0]).toBe("urn:undersigned:timeline");
    // The same filter in another order, or with empty parameters, is the same feed.
    expect(feedId({ kind: "response_posted", petition: "quiet-hours", program: "" })).toBe(ids[5]);

    const feed = parse(timelineAtom([item("x")], "https://undersigned.example", { program: "flow-insights", kind: "response_posted" }));
    expect(feed.id).toBe("urn:undersigned:timeline:program:flow-insights:kind:response_posted");
    expect(links(feed)).toEqual({
      self: "https://undersigned.example/timeline.atom?program=flow-insights&kind=response_posted",
      alternate: "https://undersigned.example/timeline?program=flow-insights&kind=response_posted",
    });
    expect(feed.entry.link["@_href"]).toBe("https://undersigned.example/petitions/quiet-hours");
    // A filter value with markup or a separator cannot break out of the id or the links.
    const odd = parse(timelineAtom([], "http://h", { petition: 'a:b"<x>&c=d' }));
    expect(odd.id).toBe("urn:undersigned:timeline:petition:a%3Ab%22%3Cx%3E%26c%3Dd");
    expect(links(odd).self).toBe("http://h/timeline.atom?petition=a%3Ab%22%3Cx%3E%26c%3Dd");
  });
});

describe("publicOrigin", () => {
  const req = (headers: Record<string, string>) => new Request("http://localhost:3000/timeline.atom", { headers });

  it("uses the configured address when there is one", () => {
    expect(publicOrigin(req({ host: "other.example" }), "https://petitions.example.com/some/path")).toBe("https://petitions.example.com");
  });

  it("otherwise uses the Host the request was sent to", () => {
    expect(publicOrigin(req({ host: "petitions.internal:8080" }), undefined)).toBe("http://petitions.internal:8080");
    expect(publicOrigin(req({ host: "10.0.0.7" }), undefined)).toBe("http://10.0.0.7");
    expect(publicOrigin(req({ host: "[::1]:3000" }), undefined)).toBe("http://[::1]:3000");
    expect(publicOrigin(req({ host: "petitions.example.com", "x-forwarded-proto": "https" }), undefined)).toBe("https://petitions.example.com");
  });

  it("never takes another site, a path or markup from the headers", () => {
    for (const host of ["evil.example/path", "evil.example@good", 'a"><x', "a b", "", "x".repeat(300), "[:::]", "host:99999999"]) {
      expect(publicOrigin(req({ host }), undefined), host).toBe("http://localhost:3000");
    }
    // X-Forwarded-Host is set by anyone; only Host counts.
    expect(publicOrigin(req({ host: "petitions.internal", "x-forwarded-host": "evil.example" }), undefined)).toBe("http://petitions.internal");
    expect(publicOrigin(req({ host: "petitions.internal", "x-forwarded-proto": "javascript" }), undefined)).toBe("http://petitions.internal");
  });
});
