import { DeleteOutlined, PlusOutlined } from "@ant-design/icons"
import { Button, Card, Flex, Form, Input, InputNumber, Radio, Select } from "antd"
import type { Rule } from "antd/es/form"
import { useI18n } from "../../i18n/I18nProvider"
import { type FieldSpec, newItem } from "./schemaForm"

type NamePath = (string | number)[]

const FieldItem = ({
  spec,
  prefix,
  fullPath,
  maxDate,
  disabled = false,
}: {
  readonly spec: FieldSpec
  /** The name relative to the enclosing Form.List (or the form). */
  readonly prefix: NamePath
  /** The absolute path, for test ids. */
  readonly fullPath: NamePath
  readonly maxDate: string | undefined
  /** Shown, not typed: the value comes from elsewhere (a linked meeting record). */
  readonly disabled?: boolean
}) => {
  const { t, td } = useI18n()
  const label = td(`dev.field.${spec.key}`, spec.key)
  const name = [...prefix, spec.key]
  const path = [...fullPath, spec.key]
  const testId = `field-${path.join(".")}`
  const required: Rule[] = spec.required
    ? [{ required: true, whitespace: true, message: t("dev.form.required", { field: label }) }]
    : []
  const option = (v: string) => ({ value: v, label: td(`dev.enum.${v}`, v) })

  switch (spec.kind) {
    case "object":
      return (
        <Card size="small" title={label} style={{ marginBottom: 16 }} data-testid={testId}>
          <SchemaFields fields={spec.fields ?? []} prefix={name} fullPath={path} maxDate={maxDate} />
        </Card>
      )
    case "list":
      return (
        <Form.List name={name}>
          {(items, { add, remove }, { errors }) => (
            <Card size="small" title={label} style={{ marginBottom: 16 }} data-testid={testId}>
              {items.map((item) => (
                <Card
                  key={item.key}
                  size="small"
                  type="inner"
                  style={{ marginBottom: 12 }}
                  title={t("dev.form.item", { n: item.name + 1 })}
                  extra={
                    <Button
                      size="small"
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      onClick={() => remove(item.name)}
                      data-testid={`remove-${path.join(".")}.${item.name}`}
                    >
                      {t("dev.form.remove")}
                    </Button>
                  }
                >
                  <SchemaFields
                    fields={spec.fields ?? []}
                    prefix={[item.name]}
                    fullPath={[...path, item.name]}
                    maxDate={maxDate}
                  />
                </Card>
              ))}
              <Button
                type="dashed"
                block
                icon={<PlusOutlined />}
                onClick={() => add(newItem(spec))}
                data-testid={`add-${path.join(".")}`}
              >
                {t("dev.form.add", { field: label })}
              </Button>
              <Form.ErrorList errors={errors} />
            </Card>
          )}
        </Form.List>
      )
    case "boolean":
      // 是 / 否 as two buttons, none chosen on a new record: a switch shows an unanswered question as 否, and
      // a required one (承认党的纲领和章程) must be answered on purpose, not saved as 否 by default.
      return (
        <Form.Item
          name={name}
          label={label}
          rules={
            spec.required ? [{ required: true, message: t("dev.form.answerRequired", { field: label }) }] : []
          }
        >
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            disabled={disabled}
            options={[
              { label: t("dev.form.yes"), value: true },
              { label: t("dev.form.no"), value: false },
            ]}
            data-testid={testId}
          />
        </Form.Item>
      )
    case "integer":
    case "number":
      return (
        <Form.Item
          name={name}
          label={label}
          rules={spec.required ? [{ required: true, message: t("dev.form.required", { field: label }) }] : []}
        >
          <InputNumber
            style={{ width: "100%" }}
            disabled={disabled}
            {...(spec.kind === "integer" ? { precision: 0 } : {})}
            {...(spec.minimum === undefined ? {} : { min: spec.minimum })}
            {...(spec.maximum === undefined ? {} : { max: spec.maximum })}
            data-testid={testId}
          />
        </Form.Item>
      )
    case "date":
      return (
        <Form.Item name={name} label={label} rules={required}>
          <Input type="date" max={maxDate} style={{ maxWidth: 220 }} data-testid={testId} />
        </Form.Item>
      )
    case "enum":
      return (
        <Form.Item
          name={name}
          label={label}
          rules={spec.required ? [{ required: true, message: t("dev.form.required", { field: label }) }] : []}
        >
          <Select
            options={(spec.options ?? []).map(option)}
            disabled={disabled}
            allowClear={!spec.required}
            placeholder={spec.nullable ? t("dev.form.none") : undefined}
            data-testid={testId}
          />
        </Form.Item>
      )
    case "multi-enum":
      return (
        <Form.Item name={name} label={label}>
          <Select mode="multiple" options={(spec.options ?? []).map(option)} data-testid={testId} />
        </Form.Item>
      )
    case "tags":
      return (
        <Form.Item name={name} label={label}>
          <Select
            mode="tags"
            open={false}
            tokenSeparators={[",", "，", "；", ";"]}
            placeholder={t("dev.form.tagsPlaceholder")}
            data-testid={testId}
          />
        </Form.Item>
      )
    case "textarea":
      return (
        <Form.Item name={name} label={label} rules={required}>
          <Input.TextArea rows={2} maxLength={2000} data-testid={testId} />
        </Form.Item>
      )
    default:
      return (
        <Form.Item name={name} label={label} rules={required}>
          <Input maxLength={200} data-testid={testId} />
        </Form.Item>
      )
  }
}

/** The form items of an evidence schema (see `schemaForm.ts` for the mapping). */
export const SchemaFields = ({
  fields,
  prefix,
  fullPath = prefix,
  maxDate,
  readOnly,
}: {
  readonly fields: readonly FieldSpec[]
  readonly prefix: NamePath
  readonly fullPath?: NamePath
  readonly maxDate: string | undefined
  /** Top-level keys shown but not typed (filled from a linked meeting record). */
  readonly readOnly?: ReadonlySet<string>
}) => (
  <Flex vertical>
    {fields.map((f) => (
      <FieldItem
        key={f.key}
        spec={f}
        prefix={prefix}
        fullPath={fullPath}
        maxDate={maxDate}
        disabled={readOnly?.has(f.key) ?? false}
      />
    ))}
  </Flex>
)
