import type { Metadata } from "next";

export const metadata: Metadata = { title: "Accessibility statement" };

// A statement in the manner of GOV.UK's: the standard, how it is checked, what is known not to
// meet it, and whom to tell. Keep "How we test" true to test/e2e/a11y.spec.ts and scripts/audit.ts.
export default function AccessibilityPage() {
  return (
    <article className="max-w-3xl space-y-6">
      <h1 className="text-3xl font-bold">Accessibility statement</h1>
      <p>
        Undersigned is for every employee, so it has to work for people who use a screen reader, the
        keyboard alone, magnification, high contrast or a small phone. This statement says what we aim
        for, how we check it, and what we know still falls short.
      </p>

      <section aria-labelledby="standard">
        <h2 id="standard" className="text-xl font-bold">The standard</h2>
        <p className="mt-2">
          We aim to meet the{" "}
          <abbr title="Web Content Accessibility Guidelines">WCAG</abbr> 2.1 success criteria at
          level AA. We believe the pages listed below meet it, with the exceptions under Known gaps.
        </p>
      </section>

      <section aria-labelledby="how">
        <h2 id="how" className="text-xl font-bold">How we test</h2>
        <ul className="mt-2 list-disc space-y-1 pl-6">
          <li>
            Every change runs automated checks with axe (WCAG 2.0 and 2.1, levels A and AA) in a real
            Chromium on the public pages (home, petition list, a petition, programs, the timeline,
            What we store, the moderation log, this statement, the API page, sign-in) and on the signed-in pages
            (new petition, My petitions, notifications, the organizer dashboard, administration,
            moderation). Any violation fails the change.
          </li>
          <li>
            Lighthouse audits the home page, a petition, a program and the timeline, signed out and
            signed in, against the production build; an accessibility score below 100 fails the change.
          </li>
          <li>
            Browser tests sign a petition with the keyboard alone, check that the first Tab reaches
            &ldquo;Skip to content&rdquo;, and check that a petition page does not scroll sideways on a
            375-pixel-wide phone.
          </li>
          <li>
            Counts and new timeline events that change while the page is open are announced to screen
            readers through polite live regions; charts have their numbers as tables too.
          </li>
        </ul>
      </section>

      <section aria-labelledby="gaps">
        <h2 id="gaps" className="text-xl font-bold">Known gaps</h2>
        <ul className="mt-2 list-disc space-y-1 pl-6">
          <li>The interface is in English only; translations are planned.</li>
          <li>
            Automated checks find only part of what can go wrong. We have not yet had the product
            tested by disabled people using their own assistive technology, and we have not tested
            with every screen reader: please tell us what does not work for you.
          </li>
          <li>
            Text that people write themselves (petitions, comments, responses) may lack headings or
            describe links poorly; we render it as written.
          </li>
        </ul>
      </section>

      <section aria-labelledby="contact">
        <h2 id="contact" className="text-xl font-bold">Tell us about a barrier</h2>
        <p className="mt-2">
          If something on Undersigned is hard or impossible for you to use, tell the administrators who
          run it in your company, through your usual internal support channel. Say which page, what you
          were trying to do and what you use (browser, screen reader, magnifier).
        </p>
      </section>

      <p className="text-sm text-muted">This statement was last reviewed on 1 December 2026.</p>
    </article>
  );
}
