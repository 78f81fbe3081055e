import { handleCheckoutSubmit } from "@/lib/sandbox/steppay/checkout";

// The hosted payment page's form posts here (plain HTML form: works without JavaScript).
export async function POST(request: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  const { token } = await params;
  return handleCheckoutSubmit(request, token);
}
