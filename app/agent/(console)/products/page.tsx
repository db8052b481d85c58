import type { Metadata } from "next";
import { requireAdmin } from "@/lib/auth/guards";
import { listProducts } from "@/lib/products/list-products";
import { Badge } from "@/app/_components/badge";
import { Card } from "@/app/_components/card";
import { DataTable } from "@/app/_components/data-table";
import { EmptyState } from "@/app/_components/empty-state";
import { PageHeader } from "@/app/_components/page-header";
import { formatBytes, formatDateTime } from "@/app/_components/format";
import { FileActiveButton } from "./_components/file-active-button";
import { ProductSettingsForm } from "./_components/product-settings-form";
import { UploadFileForm } from "./_components/upload-file-form";

export const metadata: Metadata = { title: "Products" };

export default async function ProductsPage() {
  const admin = await requireAdmin();
  const products = await listProducts(admin);
  return (
    <div className="stack stack--lg">
      <PageHeader
        title="Products"
        description="Refund windows, download rules and the files buyers can download. Products are created by their first order."
      />
      {products.length === 0 ? (
        <EmptyState
          title="No products yet"
          description="A product appears here when the first order that contains it arrives (webhook or import)."
        />
      ) : null}
      {products.map((product) => (
        <Card key={product.id} title={product.name} description={`SKU ${product.sku}`}>
          <div className="stack stack--lg">
            <ProductSettingsForm
              productId={product.id}
              productName={product.name}
              values={{
                refundWindowDays: product.refundWindowDays,
                downloadTtlHours: product.downloadTtlHours,
                downloadLimit: product.downloadLimit,
              }}
            />
            {product.files.length === 0 ? (
              <p className="muted">No files yet: buyers of {product.name} see no downloads.</p>
            ) : (
              <DataTable
                caption={`Files of ${product.name}`}
                columns={[
                  { label: "File" },
                  { label: "Version" },
                  { label: "Size", align: "end" },
                  { label: "SHA-256" },
                  { label: "Status" },
                  { label: "Actions", srOnly: true },
                ]}
              >
                {product.files.map((file) => (
                  <tr key={file.id}>
                    <th scope="row">
                      {file.fileName}
                      <div className="small muted">Added {formatDateTime(file.createdAt)}</div>
                    </th>
                    <td className="mono">{file.version}</td>
                    <td className="text-end nowrap">{formatBytes(file.size)}</td>
                    <td>
                      <span className="mono small" title={file.sha256}>
                        {file.sha256.slice(0, 12)}…
                      </span>
                    </td>
                    <td>{file.active ? <Badge status="active" /> : <Badge tone="neutral">Withdrawn</Badge>}</td>
                    <td>
                      <FileActiveButton
                        fileId={file.id}
                        active={file.active}
                        label={`${file.fileName} ${file.version}`}
                      />
                    </td>
                  </tr>
                ))}
              </DataTable>
            )}
            <UploadFileForm productId={product.id} productName={product.name} />
          </div>
        </Card>
      ))}
    </div>
  );
}
