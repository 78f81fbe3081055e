/**
 * A sized `<img>` for the shop's own static SVGs, rendered on the server. It writes the markup
 * next/image wrote for them (SVGs are never optimized, so next/image only added width, height,
 * lazy loading and async decoding) without next/image's client component, which cost every page
 * about 6 KB of gzipped JavaScript.
 */
export function StaticImage({
  src,
  alt,
  width,
  height,
  priority = false,
  className,
}: {
  src: string;
  alt: string;
  width: number;
  height: number;
  /** Above the fold: loaded eagerly (no `loading="lazy"`). */
  priority?: boolean;
  className?: string;
}) {
  return (
    <img
      src={src}
      alt={alt}
      width={width}
      height={height}
      loading={priority ? undefined : "lazy"}
      decoding="async"
      className={className}
      style={{ color: "transparent" }}
    />
  );
}
