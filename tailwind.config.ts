import type { Config } from "tailwindcss";

// Tailwind v4 reads this through `@config` in app/globals.css: the brand palette and type scale.
const config: Config = {
  content: ["./app/**/*.{ts,tsx}", "./lib/**/*.{ts,tsx}"],
  theme: {
    extend: {
      colors: {
        cream: { 50: "#fdfaf5", 100: "#f6efe4", 200: "#ecdfcb" },
        roast: { 500: "#8a5a3c", 600: "#74492f", 700: "#5b3a29", 900: "#2e1d14" },
        celadon: { 100: "#e3efe9", 500: "#6f9c8b", 700: "#3f6b5c" },
        brass: { 400: "#d6a94a", 500: "#b8862b" },
      },
      fontFamily: {
        sans: ["ui-sans-serif", "system-ui", "-apple-system", "Segoe UI", "Apple SD Gothic Neo", "Noto Sans KR", "sans-serif"],
        serif: ["ui-serif", "Georgia", "Nanum Myeongjo", "serif"],
      },
    },
  },
};

export default config;
