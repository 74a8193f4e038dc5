import type { InputHTMLAttributes } from "react";
import { MIN_PASSWORD_LENGTH } from "@/lib/validations/password-length";

/** A password field that sets one: the server's length rule, and the browser's password manager told so. */
export function NewPasswordInput(props: Omit<InputHTMLAttributes<HTMLInputElement>, "type">) {
  return (
    <input
      name="password"
      type="password"
      required
      minLength={MIN_PASSWORD_LENGTH}
      maxLength={128}
      autoComplete="new-password"
      {...props}
    />
  );
}
