import { Button } from "@/app/_components/button";

/** A GET form (the query stays in the URL, so results can be bookmarked and reloaded). */
export function OrderSearchForm({ defaultValue = "" }: { defaultValue?: string }) {
  return (
    <form action="/agent/orders" method="get" role="search" className="search-form">
      <label htmlFor="order-search" className="field__label">
        Order number, e-mail address or licence key
      </label>
      <div className="cluster">
        <input
          id="order-search"
          name="q"
          type="search"
          className="input search-form__input"
          defaultValue={defaultValue}
          autoComplete="off"
          spellCheck={false}
          maxLength={200}
          required
        />
        <Button type="submit" variant="primary">
          Search
        </Button>
      </div>
    </form>
  );
}
