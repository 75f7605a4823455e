// Checks run in the page by the journeys (through the browser's debugging protocol, so the
// page's own Content-Security-Policy does not apply to them). Each returns plain data.
(() => {
  const CONTROLS = "a[href], button, input:not([type=hidden]), select, textarea, summary";
  const FIELDS = "input:not([type=hidden]):not([type=submit]), select, textarea";

  function describe(el) {
    const text = (el.getAttribute("aria-label") || el.innerText || el.value || "").trim();
    return `<${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}> “${text.slice(0, 40)}”`;
  }

  function rendered(el) {
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return style.display !== "none" && style.visibility !== "hidden" && (box.width || box.height);
  }

  // A link inside a sentence is exempt from the target size (WCAG 2.5.8, "inline").
  function inSentence(el) {
    if (el.tagName !== "A" || getComputedStyle(el).display !== "inline") return false;
    const block = el.parentElement.closest("p, li, dd, td, h2, h3, blockquote");
    return !!block && block.textContent.trim().length > el.textContent.trim().length + 1;
  }

  function inScroller(el) {
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      if (/(auto|scroll)/.test(getComputedStyle(up).overflowX)) return true;
    }
    return false;
  }

  function onlyFirst(problems, most = 8) {
    const unique = [...new Set(problems)];
    return unique.length > most
      ? unique.slice(0, most).concat(`and ${unique.length - most} more`) : unique;
  }

  return {
    // Where the next Tab starts from (focus, or else a #fragment the page opened at), and
    // whether the target is ahead of it or behind it.
    startFrom(target) {
      const active = document.activeElement;
      const fragment = location.hash && document.getElementById(location.hash.slice(1));
      const from = active && active !== document.body ? active : fragment;
      window.__journeyFocus = from || null;
      if (!from) return "top";
      return from.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_PRECEDING
        ? "behind" : "ahead";
    },

    // Where focus is after a Tab, and what is wrong with that stop.
    focusStop([target, group, backwards]) {
      const el = document.activeElement;
      const previous = window.__journeyFocus;
      window.__journeyFocus = el;
      if (!el || el === document.body) {
        return { isTarget: false, wrapped: true, skipLink: false, describe: "the page", problems: [] };
      }
      const problems = [];
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      const ring = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2 &&
        !/^(transparent|rgba\(.*, 0\))$/.test(style.outlineColor);
      if (!ring && style.boxShadow === "none") {
        problems.push(`no visible focus indicator on ${describe(el)}`);
      }
      if (box.width < 1 || box.height < 1 || box.bottom < 0 || box.top > innerHeight) {
        problems.push(`focus on ${describe(el)}, which is out of sight`);
      }
      const wrongWay = backwards ? Node.DOCUMENT_POSITION_FOLLOWING : Node.DOCUMENT_POSITION_PRECEDING;
      if (previous && previous !== el && previous.isConnected && !previous.contains(el) &&
          previous.compareDocumentPosition(el) & wrongWay) {
        problems.push(`focus jumped ${backwards ? "forward" : "back"} from ${describe(previous)} to ${describe(el)}`);
      }
      if (document.querySelector("[tabindex]:not([tabindex='-1']):not([tabindex='0'])")) {
        problems.push("a positive tabindex changes the focus order");
      }
      const isTarget = group ? el.type === "radio" && el.name === target.name : el === target;
      return {
        isTarget, wrapped: false, skipLink: el.classList.contains("skip-link"),
        describe: describe(el), problems,
      };
    },

    // The text of each error message shown beside a field.
    errorMessages() {
      return [...document.querySelectorAll(".error-message")]
        .map((el) => el.textContent.replace(/\s+/g, " ").trim());
    },

    // When the document was ready, measured from the start of the navigation, and any script
    // that holds it back (a script without async delays DOMContentLoaded).
    timing() {
      const navigation = performance.getEntriesByType("navigation")[0];
      const waitsFor = [...document.scripts].filter((s) => !s.async)
        .map((s) => s.src || "an inline script");
      return { domReady: navigation.domContentLoadedEventStart, waitsFor };
    },

    // With no styles the page is read in source order: it should still make sense.
    readingOrder() {
      const problems = [];
      const all = [...document.body.querySelectorAll("*")];
      const at = (el) => (el ? all.indexOf(el) : -1);
      const first = document.body.querySelector(CONTROLS);
      if (!first || !first.classList.contains("skip-link")) {
        problems.push("the skip link is not the first thing on the page");
      }
      const nav = document.querySelector("nav"), main = document.querySelector("main");
      const h1 = document.querySelector("h1"), footer = document.querySelector("footer");
      if (!(at(nav) < at(main))) problems.push("the navigation does not come before the main content");
      if (!h1 || !main.contains(h1)) problems.push("the page heading is not in the main content");
      if (footer && at(footer) < at(main)) problems.push("the footer comes before the main content");
      for (const field of document.querySelectorAll(FIELDS)) {
        const label = field.labels && field.labels[0];
        if (!label) {
          problems.push(`${describe(field)} has no label`);
          continue;
        }
        if (label.contains(field)) continue;
        const choice = field.type === "checkbox" || field.type === "radio";
        if (!choice && at(label) > at(field)) {
          problems.push(`the label “${label.textContent.trim()}” comes after its field`);
        }
        const [a, b] = at(label) < at(field) ? [label, field] : [field, label];
        const between = all.slice(at(a) + 1, at(b))
          .filter((el) => el.matches(`${FIELDS}, button, label`) && !a.contains(el));
        if (between.length) {
          problems.push(`the label “${label.textContent.trim()}” is apart from its field`);
        }
      }
      for (const media of document.querySelectorAll("img, svg")) {
        const box = media.getBoundingClientRect();
        if (box.height > innerHeight) {
          problems.push(`an image ${Math.round(box.width)}×${Math.round(box.height)} px fills the screen`);
        }
      }
      return onlyFirst(problems);
    },

    // At 320 px wide with text at 200 %: no sideways scrolling, nothing cut off, and targets
    // of at least 24 by 24 px.
    reflow() {
      const problems = [];
      const width = document.documentElement.clientWidth;
      const scrollWidth = document.documentElement.scrollWidth;
      if (scrollWidth > width + 1) {
        problems.push(`the page scrolls sideways: ${scrollWidth} px of content in ${width} px`);
      }
      for (const el of document.body.querySelectorAll("*")) {
        if (el.closest(".visually-hidden, .skip-link, [hidden]") || !rendered(el)) continue;
        const style = getComputedStyle(el);
        const box = el.getBoundingClientRect();
        if (box.right > width + 1 && !inScroller(el)) {
          problems.push(`${describe(el)} reaches ${Math.round(box.right)} px, past the edge`);
        }
        const clips = /(hidden|clip)/.test(style.overflowX + style.overflowY);
        if (clips && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)) {
          problems.push(`${describe(el)} cuts off its content`);
        }
        if (el.matches(CONTROLS) && !inSentence(el) && (box.width < 24 || box.height < 24)) {
          problems.push(`${describe(el)} is a ${Math.round(box.width)}×${Math.round(box.height)} px target, under 24 px`);
        }
      }
      return onlyFirst(problems);
    },
  };
})()
