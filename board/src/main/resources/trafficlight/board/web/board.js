// The board page: renders /api/board, refreshes itself, searches commits with /api/where.
"use strict";
(function () {
  let data = null;
  let found = null; // the last /api/where answer
  let timer = null;

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") e.className = v; else e.setAttribute(k, v);
    }
    for (const c of children) {
      if (c === null || c === undefined) continue;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }
  const norm = (s) => String(s).toLowerCase().replace(/[^a-z0-9]/g, "");
  const fmt = (iso) => iso ? iso.replace("T", " ").replace(/:\d\d(\.\d+)?Z$/, " UTC") : "-";
  function ago(seconds) {
    const m = Math.floor(seconds / 60);
    if (m < 60) return m + "m";
    const h = Math.floor(m / 60);
    if (h < 24) return h + "h " + (m % 60) + "m";
    return Math.floor(h / 24) + "d " + (h % 24) + "h";
  }
  function buildText(b) {
    if (!b) return null;
    return b.build_name ? (b.job ? b.job + " " : "build ") + "#" + b.build_name : "a build";
  }

  function cell(project, stage) {
    const td = el("td", { class: "cell", id: "cell-" + norm(project) + "-" + norm(stage ? stage.short_name : ""),
      "data-light": stage ? stage.light : "none" });
    if (!stage) { td.append(el("span", { class: "none" }, "\u2014")); return td; }
    const issue = stage.latest_issue;
    td.append(el("div", { class: "head" }, el("span", { class: "dot " + stage.light, title: stage.light }),
      el("span", { class: "status" }, stage.status === "consumed" ? "promoted" : stage.status)));
    const meta = el("div", { class: "meta" });
    if (issue) {
      meta.append(el("a", { href: issue.html_url, class: "issue" }, "#" + issue.number));
      if (stage.status === "waiting") {
        meta.append(" waiting " + ago(stage.waiting_seconds) + ", " + stage.builds_waiting +
          (stage.builds_waiting === 1 ? " build" : " builds"));
        const carries = stage.promotion_carries;
        if (carries) {
          meta.append(el("br"), el("span", { class: "carries",
            title: carries.commits.map((c) => c.sha.substring(0, 7) + " " + (c.subject || "")).join("\n") },
            "promoting carries " + carries.summary));
        }
      } else if (stage.refusal) {
        meta.append(" ", el("span", { class: "refusal" }, stage.refusal), " " + fmt(issue.closed_at));
      } else if (issue.closed_by) {
        meta.append(" closed by " + issue.closed_by + " " + fmt(issue.closed_at));
      }
      if (issue.consumed_by) meta.append(", consumed by #" + issue.consumed_by);
      const approved = issue.approved;
      if (approved && approved.commit) {
        // the build the close approved (a /promote may have picked an older one than the latest)
        const which = approved.build ? (approved.job ? approved.job + " " : "build ") + "#" + approved.build + " " : "";
        meta.append(", approved " + which, el("code", { class: "approved", title: approved.subject || "" },
          approved.commit.substring(0, 7)),
          approved.closed_by && approved.closed_by !== issue.closed_by ? " by " + approved.closed_by : "");
      }
      // what the consuming get ignored (an outsider's /promote, a forged record), as its comment says
      for (const line of (approved && approved.ignored) || []) {
        meta.append(el("br"), el("span", { class: "ignored" }, line));
      }
      meta.append(el("br"));
      const b = stage.latest_build;
      if (b) {
        meta.append(b.build_url ? el("a", { href: b.build_url, class: "build" }, buildText(b)) : buildText(b));
        if (b.commit) meta.append(" ", el("code", { title: b.subject || "" }, b.commit.substring(0, 7)));
        meta.append(el("br"));
      }
      meta.append("deployed " + fmt(stage.last_deploy_at));
    } else {
      meta.append("never deployed");
    }
    td.append(meta);
    const may = (data.promote || []).find((m) => m.project === project && m.stage === stage.stage);
    if (may && may.allowed) {
      const next = stage.next ? stage.next.split(".").pop() : "next";
      td.append(el("div", { class: "actions" }, el("a", { class: "button promote",
        href: "/promote?project=" + encodeURIComponent(project) + "&stage=" + encodeURIComponent(stage.stage) },
        "Promote to " + next)));
    } else if (may && may.why_not && data.signed_in_as) {
      td.append(el("div", { class: "actions note" }, may.why_not));
    }
    return td;
  }

  function render() {
    document.getElementById("repository").textContent = data.repository || "";
    const error = document.getElementById("error");
    error.textContent = data.error ? "Could not refresh: " + data.error : "";
    error.className = data.error ? "" : "hidden";
    const head = document.getElementById("columns");
    head.replaceChildren(el("th", {}, "project"), ...(data.columns || []).map((c) => el("th", {}, c)));
    const rows = document.getElementById("rows");
    rows.replaceChildren(...(data.projects || []).map((p) => {
      const tr = el("tr", { id: "project-" + norm(p.project) }, el("th", {}, p.project));
      for (const c of data.columns) {
        const s = p.stages.find((s) => norm(s.short_name) === norm(c));
        tr.append(cell(p.project, s));
      }
      return tr;
    }));
    document.getElementById("read-at").textContent = data.read_at ? "read " + fmt(data.read_at) : "";
    mark();
  }

  function mark() {
    if (!found) return;
    for (const s of found.stages || []) {
      const td = document.getElementById("cell-" + norm(s.project) + "-" + norm(s.short_name));
      if (td) td.classList.add(s.deployed ? "found" : (s.close_to_promote ? "pending" : "x"));
    }
  }

  async function load() {
    try {
      const r = await fetch("/api/board", { cache: "no-store" });
      data = await r.json();
      render();
    } catch (e) {
      const error = document.getElementById("error");
      error.textContent = "The board is not answering: " + e;
      error.className = "";
    }
    clearTimeout(timer);
    timer = setTimeout(load, Math.max(5, (data && data.refresh_seconds) || 30) * 1000);
  }

  async function search(ev) {
    ev.preventDefault();
    const q = document.getElementById("commit").value.trim();
    const box = document.getElementById("where");
    if (!q) { found = null; box.className = "hidden"; render(); return; }
    const r = await fetch("/api/where?commit=" + encodeURIComponent(q), { cache: "no-store" });
    const a = await r.json();
    box.className = "";
    if (!r.ok) { found = null; box.replaceChildren(el("p", { id: "where-error" }, a.error)); render(); return; }
    found = a;
    if (!a.commit) {
      box.replaceChildren(el("p", { id: "where-none" }, a.note || ("No deploy records commit " + a.query + ".")));
    } else {
      box.replaceChildren(el("div", {}, el("strong", {}, "Commit "), el("code", {}, a.commit.substring(0, 12)),
        " ", a.subject || ""),
        el("ul", {}, ...a.stages.map((s) => el("li", { class: "where-stage", "data-deployed": String(s.deployed),
          id: "where-" + norm(s.project) + "-" + norm(s.short_name) },
          el("strong", {}, s.project + " " + s.short_name + ": "), s.answer, " ",
          s.close_url ? el("a", { href: s.close_url }, "open #" + s.close_to_promote) : null))));
    }
    render();
  }

  document.getElementById("search").addEventListener("submit", search);
  load();
})();
