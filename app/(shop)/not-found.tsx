import type { Metadata } from "next";
import { NotFoundMessage } from "@/app/_components/not-found-message";

export const metadata: Metadata = { title: "Not found" };

/** notFound() in a shop page (an unknown product or order): the message inside the shop's own header and footer. */
export default function ShopNotFound() {
  return <NotFoundMessage />;
}
