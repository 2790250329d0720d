/*
 * Split search queries in Chinese into words the index knows.
 *
 * Sphinx segments the Chinese pages with jieba when it builds the index, but the search box splits
 * a query only at spaces and punctuation, so "守护进程的例子" would be looked up as one word and
 * find nothing. This splitter cuts each run of Han characters into the longest words present in
 * the search index (forward maximum matching) and drops single characters the index does not know
 * (particles such as 的 or 和). Latin words are split as Sphinx splits them.
 *
 * Loaded before searchtools.js, which keeps a splitQuery that is already defined.
 */
"use strict";

var splitQuery = (query) => {
  const index = (typeof Search !== "undefined" && Search._index) || {};
  const known = (word) =>
    Boolean((index.terms && word in index.terms) || (index.titleterms && word in index.titleterms));
  const han = /\p{Script=Han}/u;
  const words = [];
  for (const chunk of query.split(/[^\p{Letter}\p{Number}_\p{Emoji_Presentation}]+/gu)) {
    if (!chunk) continue;
    if (!han.test(chunk) || known(chunk)) {
      words.push(chunk);
      continue;
    }
    for (const run of chunk.match(/\p{Script=Han}+|[^\p{Script=Han}]+/gu)) {
      if (!han.test(run)) {
        words.push(run);
        continue;
      }
      let start = 0;
      while (start < run.length) {
        let end = Math.min(run.length, start + 8);
        while (end > start + 1 && !known(run.slice(start, end))) end -= 1;
        const word = run.slice(start, end);
        if (end > start + 1 || known(word)) words.push(word);
        start = end;
      }
    }
  }
  return words;
};
