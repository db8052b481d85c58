"use client";
import { createContext, useContext, type ReactNode } from "react";

/** What client components (the error page) need of the vendor's brand. */
export interface TBrandSummary {
  name: string;
  logoPath: string | null;
}

const BrandContext = createContext<TBrandSummary>({ name: "Customer Support", logoPath: null });

/** Hands the brand to client components below the root layout. */
export function BrandProvider({ brand, children }: { brand: TBrandSummary; children: ReactNode }) {
  return <BrandContext value={brand}>{children}</BrandContext>;
}

/** The vendor's name and logo, for client components. */
export function useBrand(): TBrandSummary {
  return useContext(BrandContext);
}
