import { Button } from "@/app/_components/button";
import { searchOrdersForm } from "./actions";

/** A POST form: the text searched for (an e-mail address, a licence key) never lands in a URL or access log. */
export function OrderSearchForm({ defaultValue = "" }: { defaultValue?: string }) {
  return (
    <form action={searchOrdersForm} role="search" className="search-form">
      <label htmlFor="order-search" className="field__label">
        Order number, e-mail address or licence key
      </label>
      <div className="cluster">
        <input
          id="order-search"
          name="query"
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
