/** An /admin path that names no screen (an old bookmark, a typo). */
import { useT } from "../locale";
import { Link } from "../navigation";
import { pathFor } from "../router";

export default function NotFoundScreen() {
  const t = useT();
  return (
    <section>
      <h1>{t("notFound.title")}</h1>
      <p>
        <Link href={pathFor("orders")}>{t("orders.title")}</Link>
      </p>
    </section>
  );
}
