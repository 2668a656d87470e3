import { GlobalOutlined } from "@ant-design/icons"
import { Select } from "antd"
import { useI18n } from "../i18n/I18nProvider"
import { type Locale, locales } from "../i18n/messages"

/** `compact`: a phone header, where the long language names do not fit. */
export const LanguageSwitch = ({ compact = false }: { readonly compact?: boolean }) => {
  const { locale, setLocale, t } = useI18n()
  return (
    <Select<Locale>
      aria-label={t("lang.label")}
      data-testid="language-switch"
      value={locale}
      onChange={setLocale}
      variant="borderless"
      prefix={<GlobalOutlined />}
      style={{ width: compact ? 92 : 136 }}
      popupMatchSelectWidth={false}
      options={locales.map((l) => ({ value: l, label: compact ? t(`lang.${l}.short`) : t(`lang.${l}`) }))}
    />
  )
}
