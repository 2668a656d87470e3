import { defineConfig } from "vitepress"

// Served by the API at /guide as static files: nothing is loaded from another host (no CDN, no web fonts
// from outside, local search instead of a hosted one). A dead link fails the build (VitePress's default).
export default defineConfig({
  base: "/guide/",
  outDir: "../dist",
  lang: "zh-CN",
  title: "先锋 Xianfeng",
  description: "Party-member education and management for a district: rule libraries, the API and the admin",
  cleanUrls: false,
  lastUpdated: false,
  themeConfig: {
    search: { provider: "local" },
    nav: [
      { text: "Developers", link: "/developers" },
      { text: "Districts", link: "/districts" },
      { text: "Maintainers", link: "/maintainers" },
      { text: "Rules", link: "/rules/" },
    ],
    sidebar: [
      {
        text: "Guides",
        items: [
          { text: "Developers: importing a rule library", link: "/developers" },
          { text: "Districts: deploying", link: "/districts" },
          { text: "Maintainers: publishing rule changes", link: "/maintainers" },
        ],
      },
      {
        text: "Reference",
        items: [
          { text: "Using and maintaining the rule packages", link: "/guide/rule-packages" },
          { text: "Deploying in a district", link: "/guide/deploying" },
          { text: "日程与日历订阅 · The agenda and the calendar feed", link: "/guide/calendar" },
          { text: "Architecture", link: "/guide/architecture" },
          { text: "Benchmarks", link: "/guide/benchmarks" },
          { text: "Rules (one page each)", link: "/rules/" },
          { text: "Policy keys", link: "/rules/policy" },
        ],
      },
    ],
  },
})
