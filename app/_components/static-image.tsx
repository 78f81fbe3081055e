import { getImageProps } from "next/image";

/**
 * next/image for the shop's own static images, rendered on the server: `getImageProps` gives the
 * exact props next/image would (size, lazy loading, async decoding, srcset where it applies)
 * without next/image's client component, which cost every page about 6 KB of gzipped JavaScript.
 */
export function StaticImage({
  src,
  alt,
  width,
  height,
  priority = false,
  fetchPriority,
  sizes,
  className,
}: {
  src: string;
  alt: string;
  width: number;
  height: number;
  /** Above the fold: loaded eagerly (not lazily), and preloaded from the document's head. */
  priority?: boolean;
  /**
   * "high" for the page's largest image, its LCP element: the browser fetches it (and its preload)
   * ahead of the scripts instead of at the low priority images start with. One per page.
   */
  fetchPriority?: "high";
  sizes?: string;
  className?: string;
}) {
  const { props } = getImageProps({ src, alt, width, height, priority, fetchPriority, sizes, className });
  // eslint-disable-next-line @next/next/no-img-element -- these are next/image's own props
  return <img {...props} alt={alt} />;
}
