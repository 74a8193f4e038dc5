"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { callProjectApi, ProjectApiError } from "@/lib/hooks/use-project-api";
import { ID_PATTERN, SLUG_PATTERN } from "@/lib/validations/html-patterns";
import styles from "./ProgramSettingsForm.module.css";

export type ProgramSettings = {
  slug: string;
  name: string;
  description: string;
  visibility: "private" | "public";
  environments: { name: string; description: string }[];
};

const EMPTY: ProgramSettings = {
  slug: "",
  name: "",
  description: "",
  visibility: "private",
  environments: [{ name: "production", description: "" }],
};

/** "Shop Platform 2027" → "shop-platform-2027": the slug proposed while the name is typed. */
function slugOf(name: string): string {
  return name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 63);
}

/**
 * A program's name, slug, description, visibility and environments: creates one (POST /api/v1/projects, instance
 * admins) or changes one (PATCH /api/v1/projects/{slug}, program admins). The server's refusal is shown beside the
 * field it names.
 */
export function ProgramSettingsForm({ initial }: { initial?: ProgramSettings }) {
  const router = useRouter();
  const id = useId();
  const creating = initial === undefined;
  const [value, setValue] = useState<ProgramSettings>(initial ?? EMPTY);
  const [slugEdited, setSlugEdited] = useState(!creating);
  const save = useMutation({
    mutationFn: (settings: ProgramSettings) =>
      creating
        ? callProjectApi<unknown>("/api/v1/projects", "POST", settings)
        : callProjectApi<unknown>(`/api/v1/projects/${encodeURIComponent(initial.slug)}`, "PATCH", settings),
    onSuccess: (_result, settings) => {
      if (creating) router.push(`/projects/${settings.slug}`);
      else if (settings.slug !== initial.slug) router.replace(`/projects/${settings.slug}/settings`);
      router.refresh();
    },
  });
  const field = save.error instanceof ProjectApiError ? save.error.field : undefined;
  const errorFor = (name: string) =>
    field === name ? (
      <span id={`${id}-${name}-error`} role="alert" className={styles.fieldError}>
        {save.error?.message}
      </span>
    ) : null;
  const invalid = (name: string) =>
    field === name ? { "aria-invalid": true, "aria-describedby": `${id}-${name}-error` } : {};
  const set = (patch: Partial<ProgramSettings>) => setValue((v) => ({ ...v, ...patch }));
  const setEnvironment = (index: number, patch: Partial<ProgramSettings["environments"][number]>) =>
    set({ environments: value.environments.map((e, i) => (i === index ? { ...e, ...patch } : e)) });

  return (
    <form
      className={styles.form}
      aria-label={creating ? "New program" : "Program settings"}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(value);
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-name`}>Name</label>
        <input
          id={`${id}-name`}
          value={value.name}
          required
          maxLength={200}
          onChange={(e) => {
            const name = e.currentTarget.value;
            set(slugEdited ? { name } : { name, slug: slugOf(name) });
          }}
          {...invalid("name")}
        />
        {errorFor("name")}
      </div>
      <div className="field">
        <label htmlFor={`${id}-slug`}>Slug (in its address and the CLI&apos;s --project)</label>
        <input
          id={`${id}-slug`}
          value={value.slug}
          required
          maxLength={63}
          pattern={SLUG_PATTERN}
          title="lower-case letters, digits and dashes"
          onChange={(e) => {
            setSlugEdited(true);
            set({ slug: e.currentTarget.value.trim() });
          }}
          {...invalid("slug")}
        />
        {errorFor("slug")}
      </div>
      <div className={`field ${styles.wide}`}>
        <label htmlFor={`${id}-description`}>Description</label>
        <textarea
          id={`${id}-description`}
          value={value.description}
          maxLength={5000}
          rows={3}
          onChange={(e) => set({ description: e.currentTarget.value })}
          {...invalid("description")}
        />
        {errorFor("description")}
      </div>
      <fieldset className={styles.fieldset}>
        <legend>Visibility</legend>
        <label>
          <input
            type="radio"
            name={`${id}-visibility`}
            checked={value.visibility === "private"}
            onChange={() => set({ visibility: "private" })}
          />{" "}
          Private: members only
        </label>
        <label>
          <input
            type="radio"
            name={`${id}-visibility`}
            checked={value.visibility === "public"}
            onChange={() => set({ visibility: "public" })}
          />{" "}
          Public: anyone may read it, even without an account
        </label>
      </fieldset>
      <fieldset className={styles.fieldset}>
        <legend>Environments</legend>
        {errorFor("environments")}
        {value.environments.map((env, i) => (
          // Rows are positional: the server names a field by index (environments[1].name).
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <div key={i} className={styles.row}>
            <div className="field">
              <label htmlFor={`${id}-env-${i}`}>Environment {i + 1} name</label>
              <input
                id={`${id}-env-${i}`}
                value={env.name}
                required
                maxLength={63}
                pattern={ID_PATTERN}
                title="lower-case letters, digits and single dashes"
                onChange={(e) => setEnvironment(i, { name: e.currentTarget.value.trim().toLowerCase() })}
                {...invalid(`environments[${i}].name`)}
              />
              {errorFor(`environments[${i}].name`)}
            </div>
            <div className="field">
              <label htmlFor={`${id}-env-${i}-description`}>Environment {i + 1} description</label>
              <input
                id={`${id}-env-${i}-description`}
                value={env.description}
                maxLength={500}
                onChange={(e) => setEnvironment(i, { description: e.currentTarget.value })}
              />
            </div>
            <button
              type="button"
              className="button"
              aria-label={`Remove environment ${env.name || i + 1}`}
              disabled={value.environments.length === 1}
              onClick={() => set({ environments: value.environments.filter((_, j) => j !== i) })}
            >
              Remove
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button"
          onClick={() => set({ environments: [...value.environments, { name: "", description: "" }] })}
        >
          Add environment
        </button>
      </fieldset>
      <div>
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? "Saving…" : creating ? "Create program" : "Save settings"}
        </button>
      </div>
      {save.isError && !field?.match(/^(name|slug|description|environments.*)$/) && (
        <p role="alert" className="alert alert-error">
          {save.error.message}
        </p>
      )}
      {save.isSuccess && !creating && (
        <p role="status" className="alert alert-ok">
          Settings saved.
        </p>
      )}
    </form>
  );
}
